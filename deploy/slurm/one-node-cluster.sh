#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, without systemd, for trying the templates (deploy/slurm/e2e.sh uses it).
#   source deploy/slurm/one-node-cluster.sh; cluster_start DIR; ...; cluster_stop
# Needs root (the daemons run as root and munge as user munge). Installs slurm-wlm and munge from the distribution's
# packages when absent. Everything the cluster writes (configuration, state, logs, pid files) is under DIR; it listens
# on ports 16817/16818, so it does not meet a real cluster's daemons on this machine. SLURM_CONF is exported for the
# clients (sbatch, squeue, scontrol). cluster_stop stops, by pid, only the daemons cluster_start started.

cluster_install() {
  if command -v slurmctld > /dev/null && command -v slurmd > /dev/null && command -v sbatch > /dev/null && command -v munged > /dev/null; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then echo "one-node cluster: Slurm and munge are not installed and installing them needs root" >&2; return 1; fi
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge; } > "${CLUSTER_DIR:-/tmp}/apt.log" 2>&1; then
    echo "one-node cluster: could not install slurm-wlm and munge with apt-get (log: ${CLUSTER_DIR:-/tmp}/apt.log): $(tail -1 "${CLUSTER_DIR:-/tmp}/apt.log")" >&2
    return 1
  fi
}

# Waits up to $2 seconds for the command $1 to succeed.
cluster_wait() {
  local deadline=$((SECONDS + $2))
  until eval "$1" > /dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

cluster_start() {
  CLUSTER_DIR=$(mkdir -p "$1" && cd "$1" && pwd)
  CLUSTER_PIDS=()
  mkdir -p "$CLUSTER_DIR"/{state,spool,log}
  cluster_install || return 1
  # munge: the key comes from the package's postinst; start the daemon unless one already answers.
  if ! munge -n < /dev/null 2> /dev/null | unmunge > /dev/null 2>&1; then
    mkdir -p /run/munge && chown munge:munge /run/munge && chmod 0755 /run/munge
    [ -f /etc/munge/munge.key ] || { mungekey --create --force > /dev/null && chown munge:munge /etc/munge/munge.key; }
    rm -f /run/munge/munged.pid
    runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid || { echo "one-node cluster: munged did not start" >&2; return 1; }
    cluster_wait "[ -s /run/munge/munged.pid ]" 10 || { echo "one-node cluster: munged wrote no pid file" >&2; return 1; }
    CLUSTER_PIDS+=("$(cat /run/munge/munged.pid)")
  fi
  local host mem
  host=$(hostname)
  mem=$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)
  cat > "$CLUSTER_DIR/slurm.conf" <<CONF
ClusterName=e2e
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$CLUSTER_DIR/state
SlurmdSpoolDir=$CLUSTER_DIR/spool
SlurmctldPidFile=$CLUSTER_DIR/slurmctld.pid
SlurmdPidFile=$CLUSTER_DIR/slurmd.pid
SlurmctldLogFile=$CLUSTER_DIR/log/slurmctld.log
SlurmdLogFile=$CLUSTER_DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
MinJobAge=3600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$CLUSTER_DIR/slurm.conf"
  /usr/sbin/slurmctld -f "$SLURM_CONF" || { echo "one-node cluster: slurmctld did not start (log: $CLUSTER_DIR/log/slurmctld.log)" >&2; return 1; }
  cluster_wait "[ -s '$CLUSTER_DIR/slurmctld.pid' ]" 10 || { echo "one-node cluster: slurmctld wrote no pid file" >&2; return 1; }
  CLUSTER_PIDS+=("$(cat "$CLUSTER_DIR/slurmctld.pid")")
  /usr/sbin/slurmd -f "$SLURM_CONF" || { echo "one-node cluster: slurmd did not start (log: $CLUSTER_DIR/log/slurmd.log)" >&2; return 1; }
  cluster_wait "[ -s '$CLUSTER_DIR/slurmd.pid' ]" 10 || { echo "one-node cluster: slurmd wrote no pid file" >&2; return 1; }
  CLUSTER_PIDS+=("$(cat "$CLUSTER_DIR/slurmd.pid")")
  if ! cluster_wait "sinfo -h -o %T | grep -qx idle" 60; then
    echo "one-node cluster: the node did not come up idle (sinfo: $(sinfo -h -o '%T %E' 2>&1 | head -1); logs in $CLUSTER_DIR/log)" >&2
    return 1
  fi
}

cluster_stop() {
  local pid
  # Jobs first (their steps would outlive slurmd), then the daemons.
  if [ -n "${SLURM_CONF:-}" ] && [ ${#CLUSTER_PIDS[@]} -gt 0 ]; then
    scancel --full --user="$(id -un)" 2> /dev/null || true
    cluster_wait "! squeue -h 2> /dev/null | grep -q ." 20 || true
  fi
  for pid in "${CLUSTER_PIDS[@]}"; do kill -TERM "$pid" 2> /dev/null || true; done
  for pid in "${CLUSTER_PIDS[@]}"; do
    cluster_wait "! kill -0 $pid" 15 || kill -KILL "$pid" 2> /dev/null || true
  done
  CLUSTER_PIDS=()
}

# Waits for job $1 to leave the queue; prints "STATE EXITCODE" (e.g. "COMPLETED 0:0", "FAILED 2:0").
cluster_job_end() {
  local deadline=$((SECONDS + $2))
  while squeue -h -j "$1" 2> /dev/null | grep -q .; do
    [ $SECONDS -lt $deadline ] || { echo "TIMEOUT -"; return 1; }
    sleep 1
  done
  scontrol show job "$1" 2> /dev/null | tr ' ' '\n' | awk -F= '$1 == "JobState" {s = $2} $1 == "ExitCode" {e = $2} END {print s, e}'
}
