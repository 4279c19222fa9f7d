// node bench/search-profile/timeline.mjs TRACE.json: the page's main-thread
// tasks (1 ms or longer), resource arrivals and performance marks of a
// trace.mjs trace, in ms from the last shard's arrival.
import fs from 'node:fs';
const ev = JSON.parse(fs.readFileSync(process.argv[2]));
const names = ev.filter((e) => e.name === 'thread_name');
const main = names.filter((e) => e.args.name === 'CrRendererMain');
// the renderer of the page: the one with user timing marks
const marks = ev.filter((e) => e.cat && e.cat.includes('blink.user_timing') && /run|ranked|announced|load |prepared|listed/.test(e.name));
const pid = marks[0].pid;
const tid = main.find((e) => e.pid === pid).tid;
const url = (e) => String((e && e.args && e.args.data && e.args.data.url) || (e && e.url) || '').replace(/.*\//, '');
const finish = ev.filter((e) => e.name === 'ResourceFinish' || e.name === 'ResourceReceiveResponse' || e.name === 'ResourceSendRequest');
const reqs = new Map(ev.filter((e) => e.name === 'ResourceSendRequest').map((e) => [e.args.data.requestId, url(e)]));
const t0 = Math.max(...ev.filter((e) => e.name === 'ResourceFinish' && /^t\d+\.js$/.test(reqs.get(e.args.data.requestId) || '')).map((e) => e.ts));
const rows = [];
for (const e of ev) {
  if (e.pid !== pid) continue;
  if (e.name === 'ResourceFinish' || e.name === 'ResourceReceiveResponse') { rows.push([e.ts, `${e.name} ${reqs.get(e.args.data.requestId)}`]); continue; }
  if (marks.includes(e)) { rows.push([e.ts, `MARK ${e.name}`]); continue; }
  if (e.tid !== tid || e.ph !== 'X' || e.dur < 1000) continue;
  if (!/RunTask|EvaluateScript|FunctionCall|v8.compile|v8.run|ParseHTML|UpdateLayoutTree|Layout|Paint|TimerFire|FireAnimationFrame|EventDispatch|GCEvent|MajorGC|MinorGC|V8.GC|CompileScript|v8.parseOnBackground|ScheduleStyleRecalculation|PrePaint|Commit|RunMicrotasks|HitTest|UpdateLayer|v8.produceCache|v8.compileModule/.test(e.name)) continue;
  const d = e.args && e.args.data;
  rows.push([e.ts, `${' '.repeat(0)}${e.name} ${(e.dur / 1000).toFixed(1)}ms ${d ? (d.url ? url(d) : '') + (d.functionName ? ' ' + d.functionName : '') + (d.type ? ' ' + d.type : '') : ''}`]);
}
rows.sort((a, b) => a[0] - b[0]);
for (const [ts, s] of rows) { const t = (ts - t0) / 1000; if (t > -120 && t < 700) console.log(t.toFixed(1).padStart(8), s); }
