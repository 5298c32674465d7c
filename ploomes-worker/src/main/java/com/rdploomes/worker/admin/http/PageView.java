package com.rdploomes.worker.admin.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.rdploomes.worker.admin.deadletters.DeadLetterSummary;
import com.rdploomes.worker.admin.deadletters.QueueStatus;
import com.rdploomes.worker.admin.deadletters.Survey;

/** The admin page's HTML. Every value from a message or a request goes through {@link #esc}. */
final class PageView {

    /** The filter as typed, to fill the form again. */
    record Filter(String reason, String since, String until, String email) {
    }

    private final WorkerStatus.Status status;
    private final Survey all;
    private final List<DeadLetterSummary> rows;
    private final long matched;
    private final Filter filter;
    private final boolean filtered;
    private final ReplayJobs.Job job;
    private final String problem;

    PageView(WorkerStatus.Status status, Survey all, List<DeadLetterSummary> rows, long matched, Filter filter,
             boolean filtered, ReplayJobs.Job job, String problem) {
        this.status = status;
        this.all = all;
        this.rows = rows;
        this.matched = matched;
        this.filter = filter;
        this.filtered = filtered;
        this.job = job;
        this.problem = problem;
    }

    String render() {
        StringBuilder html = new StringBuilder(16_384);
        html.append("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>rd-ploomes · dead letters</title>
                <style>
                body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
                h1{font-size:1.3em;margin:0 0 .8em} h2{font-size:1.05em;margin:1.4em 0 .5em}
                table{border-collapse:collapse} td,th{padding:.25em .6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
                th{background:#f4f4f4} .num{text-align:right} .muted{color:#777} .bad{color:#b00020} .ok{color:#1b5e20}
                .panels{display:flex;gap:2.5em;flex-wrap:wrap} form#filter input,form#filter select{margin-right:.6em}
                button{cursor:pointer} #message{font-weight:600;min-height:1.4em} pre{background:#f7f7f7;padding:.8em;max-height:30em;overflow:auto}
                .detail{max-width:32em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
                </style></head><body>
                <h1>rd-ploomes · dead letters</h1>
                """);
        if (problem != null) {
            html.append("<p class=\"bad\" id=\"problem\">").append(esc(problem)).append("</p>\n");
        }
        html.append("<div id=\"message\" role=\"status\"></div>\n");
        html.append("<div class=\"panels\">\n");
        queues(html);
        ploomes(html);
        counts(html);
        html.append("</div>\n");
        jobPanel(html);
        filterForm(html);
        list(html);
        html.append("<h2>Details</h2><pre id=\"details\" class=\"muted\">Choose “details” on a dead letter.</pre>\n");
        html.append(SCRIPT);
        html.append("</body></html>\n");
        return html.toString();
    }

    private void queues(StringBuilder html) {
        html.append("<section><h2>Queues</h2><table id=\"queues\"><tr><th>queue</th><th>role</th><th class=\"num\">ready</th><th class=\"num\">consumers</th></tr>\n");
        for (QueueStatus.QueueDepth queue : status.queues().queues()) {
            html.append("<tr data-role=\"").append(esc(queue.role())).append("\"><td>").append(esc(queue.name())).append("</td><td>")
                    .append(esc(queue.role())).append("</td><td class=\"num\">")
                    .append(queue.exists() ? Long.toString(queue.ready()) : "<span class=\"bad\">missing</span>")
                    .append("</td><td class=\"num\">").append(queue.consumers()).append("</td></tr>\n");
        }
        html.append("</table>");
        if (status.brokerError() != null) {
            html.append("<p class=\"bad\">RabbitMQ: ").append(esc(status.brokerError())).append("</p>");
        }
        html.append("<p>Worker listener: ").append(status.listenerRunning()
                ? "<span class=\"ok\" id=\"listener\">consuming</span>" : "<span class=\"bad\" id=\"listener\">stopped</span>").append("</p></section>\n");
    }

    private void ploomes(StringBuilder html) {
        WorkerStatus.Ploomes p = status.ploomes();
        html.append("<section id=\"ploomes\"><h2>Ploomes</h2><p>").append(esc(p.host())).append(", at most ")
                .append(p.rateLimitPerMinute()).append(" calls a minute</p><p>")
                .append(p.calls()).append(" calls since start, ")
                .append(p.failed() == 0 ? "<span class=\"ok\">none failed</span>" : "<span class=\"bad\">" + p.failed() + " not 2xx</span>")
                .append("</p>");
        if (!p.callsByStatus().isEmpty()) {
            html.append("<p class=\"muted\">");
            p.callsByStatus().forEach((code, count) -> html.append(esc(code)).append(": ").append(count).append(" &nbsp;"));
            html.append("</p>");
        }
        html.append("</section>\n");
    }

    private void counts(StringBuilder html) {
        html.append("<section><h2>Dead letters by reason</h2><table id=\"counts\"><tr><th>reason</th><th class=\"num\">waiting</th></tr>\n");
        if (all != null) {
            for (Map.Entry<String, Long> entry : all.byReason().entrySet()) {
                html.append("<tr data-reason=\"").append(esc(entry.getKey())).append("\"><td><a href=\"/admin?reason=")
                        .append(url(entry.getKey())).append("\">").append(esc(entry.getKey())).append("</a></td><td class=\"num\">")
                        .append(entry.getValue()).append("</td></tr>\n");
            }
            html.append("<tr><th>total</th><th class=\"num\" id=\"total\">").append(all.matched()).append("</th></tr>\n");
        }
        html.append("</table></section>\n");
    }

    private void jobPanel(StringBuilder html) {
        html.append("<h2>Replay</h2><p id=\"job\" data-state=\"").append(job == null ? "none" : esc(job.state())).append("\">");
        if (job == null) {
            html.append("<span class=\"muted\">No replay since the worker started.</span>");
        } else {
            html.append(esc(job.state())).append(": ").append(job.replayed()).append(" replayed (").append(esc(job.selection()))
                    .append(", ").append(job.ratePerMinute()).append(" a minute, started ").append(time(job.startedAt())).append(")");
            if (job.outcome() != null && job.outcome().error() != null) {
                html.append(" <span class=\"bad\">").append(esc(job.outcome().error())).append("</span>");
            }
        }
        html.append("</p><p><button id=\"stop-replay\" ").append(job != null && "running".equals(job.state()) ? "" : "hidden")
                .append(">Stop the replay</button></p>\n");
    }

    private void filterForm(StringBuilder html) {
        html.append("<h2>Filter</h2><form id=\"filter\" method=\"get\" action=\"/admin\">")
                .append("<label>reason <input name=\"reason\" list=\"reasons\" value=\"").append(esc(filter.reason())).append("\"></label>")
                .append("<datalist id=\"reasons\">");
        if (all != null) {
            all.byReason().keySet().forEach(reason -> html.append("<option value=\"").append(esc(reason)).append("\">"));
        }
        html.append("</datalist>")
                .append("<label>since <input name=\"since\" placeholder=\"2h, 3d, 2024-05-20\" value=\"").append(esc(filter.since())).append("\"></label>")
                .append("<label>until <input name=\"until\" value=\"").append(esc(filter.until())).append("\"></label>")
                .append("<label>e-mail <input name=\"email\" type=\"email\" value=\"").append(esc(filter.email())).append("\"></label>")
                .append("<button type=\"submit\" id=\"apply\">Apply</button> <a href=\"/admin\">clear</a></form>\n");
    }

    private void list(StringBuilder html) {
        html.append("<h2>").append(matched).append(filtered ? " matching" : "").append(" dead letter").append(matched == 1 ? "" : "s");
        if (matched > rows.size()) {
            html.append(" (the first ").append(rows.size()).append(" shown)");
        }
        html.append("</h2>\n");
        if (job != null && "running".equals(job.state())) {
            // the replay holds the messages it is going through for a moment: they return when it moves on
            html.append("<p class=\"muted\">A replay is running: dead letters it is going through may be missing here until it moves on.</p>\n");
        }
        html.append("<p id=\"bulk\" data-filter='").append(esc(filterJson())).append("'>")
                .append("<button id=\"replay-matching\" data-count=\"").append(matched).append("\"").append(matched == 0 ? " disabled" : "")
                .append(">Replay ").append(filtered ? "all " + matched + " matching" : "all " + matched).append("</button> ")
                .append("<button id=\"discard-matching\" data-count=\"").append(matched).append("\"").append(matched == 0 ? " disabled" : "")
                .append(">Discard ").append(filtered ? "all " + matched + " matching" : "all " + matched).append("</button></p>\n");
        html.append("<table id=\"dead-letters\"><thead><tr><th>conversion</th><th>failed at</th><th>reason</th><th class=\"num\">attempts</th>")
                .append("<th>HTTP</th><th>e-mail</th><th>detail</th><th></th></tr></thead><tbody>\n");
        for (DeadLetterSummary row : rows) {
            String id = esc(row.conversionId());
            html.append("<tr data-id=\"").append(id).append("\"><td>").append(id).append("</td><td>").append(time(row.failedAt()))
                    .append("</td><td>").append(esc(row.reason())).append("</td><td class=\"num\">").append(row.attempts())
                    .append("</td><td>").append(row.lastHttpStatus() == null || row.lastHttpStatus() == 0 ? "-" : row.lastHttpStatus())
                    .append("</td><td>").append(esc(row.email())).append("</td><td class=\"detail\" title=\"").append(esc(row.detail()))
                    .append("\">").append(esc(row.detail())).append("</td><td>")
                    .append("<button class=\"details\">details</button> <button class=\"replay\">replay</button> ")
                    .append("<button class=\"discard\">discard</button></td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private String filterJson() {
        StringBuilder json = new StringBuilder("{");
        append(json, "reason", filter.reason());
        append(json, "since", filter.since());
        append(json, "until", filter.until());
        append(json, "email", filter.email());
        if (!filtered) {
            json.append(json.length() > 1 ? "," : "").append("\"all\":true");
        }
        return json.append('}').toString();
    }

    private static void append(StringBuilder json, String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":\"")
                .append(value.trim().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }

    private static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ');
    }

    private static String url(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Calls the API with the browser's own credentials; reloads when something changed. */
    private static final String SCRIPT = """
            <script>
            (function () {
              const message = document.getElementById('message');
              const say = (text, bad) => { message.textContent = text; message.className = bad ? 'bad' : 'ok'; };
              // absolute, from the origin: a page opened as http://user:token@host/ may not fetch URLs relative to that
              const at = path => location.origin + path;
              async function post(path, body) {
                const response = await fetch(at(path), {method: 'POST', credentials: 'same-origin',
                  headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body || {})});
                const answer = await response.json().catch(() => ({}));
                if (!response.ok) { throw new Error(answer.detail || ('HTTP ' + response.status)); }
                return answer;
              }
              async function follow() {
                const job = document.getElementById('job');
                const response = await fetch(at('/admin/dead-letters/replays/current'), {credentials: 'same-origin'});
                if (!response.ok) { return; }
                const state = await response.json();
                job.dataset.state = state.state;
                job.textContent = state.state + ': ' + state.replayed + ' replayed (' + state.selection + ', '
                  + state.rate_per_minute + ' a minute)' + (state.outcome && state.outcome.error ? ' — ' + state.outcome.error : '');
                document.getElementById('stop-replay').hidden = state.state !== 'running';
                if (state.state === 'running') { setTimeout(follow, 1000); }
                else if (sessionStorage.getItem('following') === state.id) {
                  sessionStorage.removeItem('following');
                  say('replay ' + state.state + ': ' + state.replayed + ' replayed', state.state === 'failed');
                  setTimeout(() => location.reload(), 800);
                }
              }
              async function replay(body) {
                try {
                  const job = await post('/admin/dead-letters/replay', body);
                  sessionStorage.setItem('following', job.id);
                  say('replay started: ' + job.selection);
                  follow();
                } catch (e) { say('replay refused: ' + e.message, true); }
              }
              async function discard(body, what) {
                if (!confirm('Discard ' + what + ' for good? This cannot be undone.')) { return; }
                try {
                  const outcome = await post('/admin/dead-letters/discard', body);
                  say('discarded ' + outcome.moved + (outcome.error ? ' — ' + outcome.error : ''), !!outcome.error);
                  setTimeout(() => location.reload(), 800);
                } catch (e) { say('discard refused: ' + e.message, true); }
              }
              document.querySelectorAll('#dead-letters tr[data-id]').forEach(row => {
                const id = row.dataset.id;
                row.querySelector('.details').onclick = async () => {
                  const details = document.getElementById('details');
                  const response = await fetch(at('/admin/dead-letters/' + encodeURIComponent(id)), {credentials: 'same-origin'});
                  details.className = '';
                  details.textContent = JSON.stringify(await response.json(), null, 2);
                  details.scrollIntoView();
                };
                row.querySelector('.replay').onclick = () => replay({ids: [id]});
                row.querySelector('.discard').onclick = () => discard({ids: [id]}, id);
              });
              const filter = JSON.parse(document.getElementById('bulk').dataset.filter);
              document.getElementById('replay-matching').onclick = () => replay(filter);
              document.getElementById('discard-matching').onclick = e => discard(filter, 'these ' + e.target.dataset.count + ' dead letters');
              document.getElementById('stop-replay').onclick = () => post('/admin/dead-letters/replays/current/stop').then(follow);
              if (document.getElementById('job').dataset.state === 'running') { follow(); }
            })();
            </script>
            """;
}
