namespace Verification.Core.Reporting;

/// <summary>The inline stylesheet of report.html (system fonts only: the page must render offline).</summary>
internal static class ReportHtmlStyle
{
    public const string Css = """
        :root { --fg: #212529; --muted: #6c757d; --line: #dee2e6; --bg: #f8f9fa;
                --holds: #1e7e34; --finding: #1c5fa8; --refuted: #c62828; --inconclusive: #b7791f; --notrun: #868e96; }
        * { box-sizing: border-box; }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg);
               max-width: 1180px; margin: 0 auto; padding: 24px; background: #fff; }
        h1 { margin: 0 0 4px; font-size: 28px; }
        h2 { margin: 32px 0 8px; font-size: 22px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        h3 { margin: 0 0 8px; font-size: 17px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
        h4 { margin: 8px 0 4px; font-size: 15px; }
        code, pre { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; }
        pre { background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px; overflow-x: auto; }
        a { color: #1c5fa8; }
        .run, .cite, .section, .legend, figcaption, .title { color: var(--muted); }
        .counts { font-size: 16px; }
        table { border-collapse: collapse; margin: 8px 0; width: 100%; }
        th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: var(--bg); }
        table.measured td:nth-child(n+2) { font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.measured td:first-child { word-break: break-all; }
        .chips { line-height: 2; }
        .overview td.paper { width: 26%; } .overview .title { font-size: 12px; }
        .overview td:nth-child(2), .overview td:nth-child(3) { white-space: nowrap; }
        .chip, .badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; color: #fff;
                        text-decoration: none; margin: 1px 2px; white-space: nowrap; }
        .badge { font-size: 13px; }
        .v-holds { background: var(--holds); } .v-finding { background: var(--finding); }
        .v-refuted { background: var(--refuted); } .v-inconclusive { background: var(--inconclusive); }
        .v-notrun { background: var(--notrun); }
        .dep { border-radius: 8px; padding: 0 6px; font-size: 12px; color: #fff; }
        .card { border: 1px solid var(--line); border-left: 6px solid var(--notrun); border-radius: 6px;
                padding: 12px 16px; margin: 14px 0; background: #fff; }
        .card.v-holds { border-left-color: var(--holds); } .card.v-finding { border-left-color: var(--finding); }
        .card.v-refuted { border-left-color: var(--refuted); } .card.v-inconclusive { border-left-color: var(--inconclusive); }
        .card.v-notrun { background: var(--bg); }
        blockquote { margin: 4px 0 6px; padding: 2px 12px; border-left: 3px solid var(--line); font-style: italic; }
        .attention { border: 1px solid #f1c6c6; background: #fff8f8; border-radius: 6px; padding: 4px 16px 8px; }
        .attention h2 { border: none; margin-top: 8px; } .attention li { margin: 6px 0; } .attention pre { margin: 4px 0 0; }
        .warn { background: #fff4e0; border: 1px solid #d9822b; border-radius: 4px; padding: 6px 10px; }
        details.seed { border-top: 1px dashed var(--line); margin-top: 8px; padding-top: 6px; }
        details > summary { cursor: pointer; font-weight: 600; }
        figure { margin: 8px 0; }
        figure.plot img { max-width: 100%; width: 720px; border: 1px solid var(--line); border-radius: 4px; }
        figure.plot figcaption { color: var(--fg); max-width: 720px; }
        figure.plot figcaption .file { display: block; color: var(--muted); font-size: 13px; }
        svg.dep-graph { max-width: 100%; height: auto; }
        figure.graph { overflow-x: auto; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
        footer { margin-top: 40px; font-size: 13px; }
        footer th { width: 160px; }
        footer td code { word-break: break-all; }
        @media print { details { display: block; } .card { break-inside: avoid; } }

        """;
}
