// Ignore SAL annotations for non-Windows build.
#define	_In_
#define	_Out_
#define	_Inout_
#define	_In_z_
#define	_Inout_z_
#define	_In_reads_(s)
#define	_In_reads_bytes_(s)
#define	_In_reads_z_(s)
#define	_In_reads_or_z_(s)
#define	_Out_writes_(s)
#define	_Out_writes_bytes_(s)
#define	_Out_writes_z_(s)
#define	_Inout_updates_(s)
#define	_Inout_updates_bytes_(s)
#define	_Inout_updates_z_(s)
#define	_Out_writes_to_(s,c)
#define	_Out_writes_bytes_to_(s,c)
#define	_Out_writes_all_(s)
#define	_Out_writes_bytes_all_(s)
#define	_Inout_updates_to_(s,c)
#define	_Inout_updates_bytes_to_(s,c)
#define	_Inout_updates_all_(s)
#define	_Inout_updates_bytes_all_(s)
#define	_In_reads_to_ptr_(p)
#define	_In_reads_to_ptr_z_(p)
#define	_Out_writes_to_ptr_(p)
#define	_Out_writes_to_ptr_z_(p)
#define	_In_opt_
#define	_Out_opt_
#define	_Inout_opt_
#define	_In_opt_z_
#define	_Inout_opt_z_
#define	_In_reads_opt_(s)
#define	_In_reads_bytes_opt_(s)
#define	_In_reads_opt_z_(s)
#define	_Out_writes_opt_(s)
#define	_Out_writes_opt_z_(s)
#define	_Inout_updates_opt_(s)
#define	_Inout_updates_bytes_opt_(s)
#define	_Inout_updates_opt_z_(s)
#define	_Out_writes_to_opt_(s,c)
#define	_Out_writes_bytes_to_opt_(s,c)
#define	_Out_writes_all_opt_(s)
#define	_Out_writes_bytes_all_opt_(s)
#define	_Inout_updates_to_opt_(s,c)
#define	_Inout_updates_bytes_to_opt_(s,c)
#define	_Inout_updates_all_opt_(s)
#define	_Inout_updates_bytes_all_opt_(s)
#define	_In_reads_to_ptr_opt_(p)
#define	_In_reads_to_ptr_opt_z_(p)
#define	_Out_writes_to_ptr_opt_(p)
#define	_Out_writes_to_ptr_opt_z_(p)
#define	_Outptr_
#define	_Outptr_opt_
#define	_Outptr_result_maybenull_
#define	_Outptr_opt_result_maybenull_
#define	_Outptr_result_z_
#define	_Outptr_opt_result_z_
#define	_Outptr_result_maybenull_z_
#define	_Ouptr_opt_result_maybenull_z_
#define	_COM_Outptr_
#define	_COM_Outptr_opt_
#define	_COM_Outptr_result_maybenull_
#define	_COM_Outptr_opt_result_maybenull_
#define	_Outptr_result_buffer_(s) 
#define	_Outptr_result_bytebuffer_(s)
#define	_Outptr_opt_result_buffer_(s)
#define	_Outptr_opt_result_bytebuffer_(s)
#define	_Outptr_result_buffer_to_(s, c) 
#define	_Outptr_result_bytebuffer_to_(s, c)
#define	_Outptr_opt_result_buffer_to_(s,c)
#define	_Outptr_opt_result_bytebuffer_to_(s,c)
#define	_Result_nullonfailure_
#define	_Result_zeroonfailure_
#define	_Outptr_result_nullonfailure_
#define	_Outptr_opt_result_nullonfailure_
#define	_Outref_result_nullonfailure_
#define	_Outref_
#define	_Outref_result_maybenull_
#define	_Outref_result_buffer_(s)
#define	_Outref_result_bytebuffer_(s)
#define	_Outref_result_buffer_to_(s, c)
#define	_Outref_result_bytebuffer_to_(s, c)
#define	_Outref_result_buffer_all_(s)
#define	_Outref_result_bytebuffer_all_(s)
#define	_Outref_result_buffer_maybenull_(s)
#define	_Outref_result_bytebuffer_maybenull_(s)
#define	_Outref_result_buffer_to_maybenull_(s, c)
#define	_Outref_result_bytebuffer_to_maybenull_(s,c)
#define	_Outref_result_buffer_all_maybenull_(s)
#define	_Outref_result_bytebuffer_all_maybenull_(s)
#define	_Ret_z_
#define	_Ret_writes_(s)
#define	_Ret_writes_bytes_(s)
#define	_Ret_writes_z_(s)
#define	_Ret_writes_to_(s,c)
#define	_Ret_writes_maybenull_(s)
#define	_Ret_writes_to_maybenull_(s)
#define	_Ret_writes_maybenull_z_(s)
#define	_Ret_maybenull_
#define	_Ret_maybenull_z_
#define	_Ret_null_
#define	_Ret_notnull_
#define	_Ret_writes_bytes_to_
#define	_Ret_writes_bytes_maybenull_
#define	_Ret_writes_bytes_to_maybenull_
#define	_In_range_(low, hi) 
#define	_Out_range_(low, hi)
#define	_Ret_range_(low, hi)
#define	_Deref_in_range_(low, hi)
#define	_Deref_out_range_(low, hi)
#define	_Deref_inout_range_(low, hi)
#define	_Field_range_(low, hi)
#define	_Pre_equal_to_(expr) 
#define	_Post_equal_to_(expr)
#define	_Struct_size_bytes_(size)