/** The report's stylesheet, inlined so that the HTML file stands alone. */
export const REPORT_CSS = `
:root { --fg: #1d2330; --muted: #5f6b7a; --line: #d9dee5; --accent: #2457c5; --warn: #b3261e; --bg-warn: #fff4e5; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; color: var(--fg); background: #f6f7f9; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; background: #fff; min-height: 100vh; }
h1 { margin: 0 0 4px; font-size: 24px; } h1 small { color: var(--muted); font-weight: 400; font-size: 16px; }
h2 { margin-top: 32px; border-bottom: 1px solid var(--line); padding-bottom: 4px; font-size: 18px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta, .note { color: var(--muted); }
.banner { background: var(--bg-warn); border-left: 4px solid #e8a33d; padding: 10px 14px; }
.badge { display: inline-block; font-size: 10px; font-weight: 700; letter-spacing: .04em; color: #8a4b00; background: #ffe2b3; border-radius: 3px; padding: 1px 5px; vertical-align: middle; }
div.scroll { overflow-x: auto; scrollbar-width: thin; scrollbar-color: #8c96a3 #eef1f5; }
/* Scroll shadows: a table wider than the page casts a shadow on the side that has more to show. */
div.scroll {
  background: linear-gradient(to right, #fff 30%, rgba(255, 255, 255, 0)) left / 40px 100% no-repeat local,
    linear-gradient(to left, #fff 30%, rgba(255, 255, 255, 0)) right / 40px 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, .22), transparent) left / 14px 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, .22), transparent) right / 14px 100% no-repeat scroll;
}
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
thead th { background: #f0f2f5; font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.ci { color: var(--muted); font-size: 12px; }
.n { display: block; color: var(--muted); font-size: 11px; }
.type { color: var(--muted); font-size: 11px; font-weight: 400; }
.dir { color: var(--accent); }
.gallery img { width: 160px; height: auto; border: 1px solid var(--line); border-radius: 4px; display: block; }
.gallery th.prompt { max-width: 260px; min-width: 200px; font-weight: 400; white-space: normal; }
.lang { font-size: 11px; color: #fff; background: var(--accent); border-radius: 3px; padding: 0 4px; }
td.err { color: var(--warn); font-size: 12px; max-width: 180px; }
details { margin: 6px 0; } pre { background: #f6f7f9; padding: 8px; overflow: auto; font-size: 12px; }
h2 small { color: var(--muted); font-weight: 400; font-size: 13px; }
.alert { background: #fdecea; border-left: 4px solid var(--warn); padding: 10px 14px; }
.ok { background: #e8f5e9; border-left: 4px solid #2e7d32; padding: 10px 14px; }
.badge.bad { color: #fff; background: var(--warn); } .badge.good { color: #1b5e20; background: #c8e6c9; }
tr.flag td, tr.flag th { background: #fff8f7; }
td.reasons { font-size: 12px; color: var(--warn); }
tr.why td { border-top: none; padding-top: 0; }
td.rank { font-weight: 700; color: var(--accent); }
.alpha { color: var(--muted); font-weight: 400; font-size: 12px; margin-left: 8px; }
.dimgrid { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.dimgrid table { width: auto; min-width: 320px; }
svg.chart { max-width: 100%; height: auto; }
svg.chart .lbl { font-size: 12px; fill: var(--fg); } svg.chart .tick, svg.chart .note { font-size: 11px; fill: var(--muted); }
.pairs { margin: 10px 0 18px; } .pairs-title { font-weight: 600; margin-bottom: 6px; }
.strip { display: flex; gap: 10px; overflow-x: auto; }
.strip figure { margin: 0; width: 170px; flex: none; font-size: 11px; }
.strip img, .strip .noimg { width: 170px; height: 120px; object-fit: cover; border: 1px solid var(--line); border-radius: 4px; display: block; }
.strip .noimg { display: flex; align-items: center; justify-content: center; color: var(--muted); background: #f6f7f9; }
table.compact { width: auto; min-width: 420px; } table.compact td.num { min-width: 140px; }
table th { white-space: nowrap; }
.ptext { color: var(--muted); margin: 2px 0; max-height: 3em; overflow: hidden; }
td.num.bad { background: #fdecea; color: var(--warn); }
td.nowrap { white-space: nowrap; }
tr.total th, tr.total td { border-top: 2px solid var(--line); font-weight: 600; }
section.alert, section.banner { margin: 12px 0; } section.alert h3, section.banner h3 { margin-top: 0; }
section.alert table, section.banner table { background: #fff; }
td.msg { font-size: 12px; min-width: 220px; }
.score-notes { font-size: 11px; color: var(--fg); max-width: 170px; } .score-notes .note-line { display: block; }
#failures .count { margin: 2px 0; font-weight: 600; } #failures h3 small { color: var(--muted); font-weight: 400; }
.other-lang { float: right; font-size: 13px; color: var(--accent); }
#verdict .rankings { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 8px 24px; }
#verdict figure { margin: 0; } #verdict figcaption { margin: 4px 0; }
#verdict figure.heatmap figcaption, #verdict figure.dumbbell figcaption { font-weight: 600; margin-top: 16px; }
.scroll > svg.chart { max-width: none; }
#verdict .rank { font-weight: 700; color: var(--accent); }
.n-inline { color: var(--muted); font-size: 12px; }
#verdict .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(540px, 1fr)); gap: 16px; }
.flagged-card { border: 1px solid var(--line); border-left: 4px solid var(--warn); border-radius: 4px; padding: 10px 12px; min-width: 0; }
.flagged-card .reasons { font-size: 12px; color: var(--warn); margin: 4px 0 8px; }
.flagged-card .evidence { display: flex; flex-direction: column; gap: 8px; }
.flagged-card .strip figure, .flagged-card .strip img, .flagged-card .strip .noimg { width: 120px; }
.flagged-card .strip img, .flagged-card .strip .noimg { height: 90px; }
table.breakdowns { width: auto; } table.breakdowns td.num { min-width: 150px; }
tr.paired th, tr.paired td { background: #f7f9fd; }
h2.details { margin-top: 48px; border-bottom: 2px solid var(--fg); }
#verdict .glance { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 8px 24px; align-items: start; }
.flag-glance { border: 1px solid var(--line); border-left: 4px solid var(--warn); border-radius: 4px; padding: 6px 12px; }
.flag-glance .numbers { font-size: 13px; margin: 4px 0 6px; }
.flag-glance .glance-evidence { display: flex; gap: 10px; align-items: flex-start; }
.flag-glance .glance-evidence svg.chart { flex: none; }
.flag-glance .strip figure, .flag-glance .strip img, .flag-glance .strip .noimg { width: 110px; }
.flag-glance .strip img, .flag-glance .strip .noimg { height: 72px; }
details.flagged-more { border-left: 4px solid var(--warn); padding: 4px 10px; margin: 6px 0; }
details.flagged-more > summary { cursor: pointer; }
details.flagged-more > .flagged-card { margin-top: 8px; border-left-width: 1px; }
/* The first screen holds the rankings, Chinese against English and the strongest flagged metric: compact lines above them. */
.meta, p.banner { font-size: 13px; } p.banner { margin: 8px 0; padding: 8px 14px; }
#verdict > h2 { margin-top: 20px; } #verdict > p.note, #verdict .glance p.note { font-size: 13px; margin: 4px 0 8px; }
`;
