/**
 * The help page: naming rules, how paths and queries are passed on, the template language with
 * examples, search, and the API (golink-compatible) with curl examples.
 *
 * @example <HelpPage ctx={ctx} origin="http://go" />
 */
import { LinksPage, type PageCtx } from './page.js';

const EXAMPLES: Array<[string, string, string]> = [
  ['https://www.google.com/{{if .Path}}search?q={{QueryEscape .Path}}{{end}}', 'search/a b', 'https://www.google.com/search?q=a+b'],
  ['https://company.slack.com/{{if .Path}}channels/{{PathEscape .Path}}{{end}}', 'slack/eng/infra', 'https://company.slack.com/channels/eng%2Finfra'],
  ['http://{{if .Path}}{{.Path}}{{else}}host{{end}}.example/debug/varz', 'varz/db1', 'http://db1.example/debug/varz'],
  ['http://wiki/{{.Now.Format "2006-01-02"}}', 'today', 'http://wiki/2024-05-17 (the current UTC date)'],
  ['https://github.com/{{if Match "^\\\\d+$" .Path}}org/repo/issues/{{.Path}}{{else}}search?q={{QueryEscape .Path}}{{end}}', 'gh/42', 'https://github.com/org/repo/issues/42'],
  ['https://people.example/{{.User}}', 'me', 'https://people.example/amy@example.com (401 without a known user)'],
  ['https://docs.example/{{ToLower .Path | TrimSuffix ".md"}}', 'docs/README.md', 'https://docs.example/readme'],
];

const FUNCS: Array<[string, string]> = [
  ['PathEscape s', 'escapes s for a path segment, as Go\'s url.PathEscape ("a/b+c" → "a%2Fb+c")'],
  ['QueryEscape s', 'escapes s for a query value, as Go\'s url.QueryEscape ("a/b+c" → "a%2Fb%2Bc")'],
  ['TrimPrefix s prefix, TrimSuffix s suffix', 'remove a prefix or suffix if present'],
  ['ToLower s, ToUpper s', 'change case'],
  ['Match pattern s', 'whether the (unanchored, RE2) regular expression matches s; a bad pattern is false'],
  ['and, or, not, eq, ne, lt, le, gt, ge', 'logic and comparison, as in Go templates'],
  ['len, index, slice, print, printf, println, urlquery, html, js', 'Go template builtins'],
];

export function HelpPage(props: { ctx: PageCtx; origin: string }) {
  const { ctx, origin } = props;
  const go = ctx.brand;
  return (
    <LinksPage ctx={ctx} title="Help">
      <h1>Help</h1>
      <h2>Names</h2>
      <p>
        Link names may contain letters, numbers, dash, underscore and period, and must start with a letter, number or underscore. They are
        case-insensitive and dashes are ignored: <code>{go}/Meeting-Notes</code> and <code>{go}/meetingnotes</code> are the same link, while
        dots and underscores count. Trailing punctuation pasted along with a link (<code>.,()[]{'{}'}</code>) is ignored.
      </p>
      <h2>Paths and queries</h2>
      <p>
        Anything after the name is appended to the destination: if <code>{go}/docs</code> points to <code>https://docs.example</code>, then{' '}
        <code>{go}/docs/setup</code> goes to <code>https://docs.example/setup</code>. Query parameters are added to the destination's own (
        <code>{go}/docs?q=x</code> → <code>https://docs.example?q=x</code>). Destinations may be relative (<code>/other-link</code>) to make
        aliases.
      </p>
      <p>
        Add <code>+</code> to a name (<code>{go}/docs+</code>) to see its details instead of following it.
      </p>
      <h2>Advanced destinations</h2>
      <p>
        A destination containing <code>{'{{'}</code> is a{' '}
        <a href="https://pkg.go.dev/text/template">Go template</a>, and then the path is only appended where the template says. It sees:
      </p>
      <dl class="facts">
        <dt>
          <code>.Path</code>
        </dt>
        <dd>the rest of the path after the name (without the leading slash)</dd>
        <dt>
          <code>.Now</code>
        </dt>
        <dd>
          the current time in UTC, with Go's time methods: <code>{'{{.Now.Format "01-02-2006"}}'}</code>, <code>.Now.Year</code>,{' '}
          <code>.Now.Weekday</code>…
        </dd>
        <dt>
          <code>.User</code>
        </dt>
        <dd>the login of the person following the link (the link fails with 401 when there is none)</dd>
      </dl>
      <table class="responsive">
        <thead>
          <tr>
            <th>Function</th>
            <th>Meaning</th>
          </tr>
        </thead>
        <tbody>
          {FUNCS.map(([f, d]) => (
            <tr>
              <td class="mono">{f}</td>
              <td>{d}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Examples</h3>
      <table class="responsive">
        <thead>
          <tr>
            <th>Destination</th>
            <th>Visiting</th>
            <th>Goes to</th>
          </tr>
        </thead>
        <tbody>
          {EXAMPLES.map(([long, visit, result]) => (
            <tr>
              <td class="mono">{long}</td>
              <td class="mono" data-label="Visiting">
                {go}/{visit}
              </td>
              <td class="mono" data-label="Goes to">
                {result}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Search</h2>
      <p>
        The search on <a href="/.all">all links</a> matches word beginnings in names, destinations, descriptions and owners.{' '}
        <code>owner:amy@example.com</code> limits it to one owner's links. Your browser can use {go}/ as a search engine (OpenSearch): type a
        name in its address bar to jump to the link.
      </p>
      <h2>API</h2>
      <p>
        Scripts send a <code>Sec-Golink</code> header (any value) on writes; browsers cannot, so it marks a non-browser client.
      </p>
      <pre>
        {`# create or update
curl -H Sec-Golink:1 -d short=cs -d long=https://cs.github.com/ ${origin}/
# read (JSON unless you ask for HTML)
curl ${origin}/.detail/cs
# delete (restorable)
curl -X POST -H Sec-Golink:1 ${origin}/.delete/cs
curl -X POST -H Sec-Golink:1 ${origin}/.restore/cs
# export every link (golink's JSON Lines) and the click stats (CSV)
curl ${origin}/.export
curl ${origin}/.export-stats
# import into this instance (admins; policy skip or overwrite; dry_run=1 to preview)
curl -H Sec-Golink:1 --data-binary @links.jsonl '${origin}/.import?policy=skip&dry_run=1'`}
      </pre>
      <p>
        Offline: <code>tailyard links resolve {go}/name --from-backup links.jsonl</code> resolves a link (following aliases, with loop
        detection) from an export.
      </p>
    </LinksPage>
  );
}
