/**
 * The admin import page: paste or upload a golink export (JSON Lines), choose a merge policy,
 * and preview the changes with a dry run before applying them.
 *
 * @example <ImportPage ctx={ctx} policy="skip" dryRun />
 */
import { ErrorBanner, LinksPage, type PageCtx } from './page.js';

export interface ImportReportView {
  added: string[];
  updated: string[];
  skipped: string[];
  unchanged: string[];
}

export interface ImportProps {
  ctx: PageCtx;
  policy: 'skip' | 'overwrite';
  dryRun: boolean;
  report?: ImportReportView;
  error?: string;
}

function Names(props: { label: string; names: string[] }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.names.length === 0 ? <span class="muted">none</span> : `${props.names.length}: ${props.names.join(', ')}`}</dd>
    </>
  );
}

export function ImportPage(props: ImportProps) {
  const { ctx, report } = props;
  return (
    <LinksPage ctx={ctx} title="Import links">
      <h1>Import links</h1>
      <ErrorBanner message={props.error} />
      {report && (
        <section aria-labelledby="report-h">
          <h2 id="report-h">{props.dryRun ? 'Dry run: nothing was written' : 'Imported'}</h2>
          <dl class="facts">
            <Names label={props.dryRun ? 'Would add' : 'Added'} names={report.added} />
            <Names label={props.dryRun ? 'Would update' : 'Updated'} names={report.updated} />
            <Names label="Skipped" names={report.skipped} />
            <Names label="Unchanged" names={report.unchanged} />
          </dl>
        </section>
      )}
      <form method="post" action="/.import" enctype="multipart/form-data" class="stack">
        <label>
          golink export file (JSON Lines)
          <input type="file" name="file" accept=".jsonl,.json,.txt,application/x-ndjson" />
        </label>
        <label>
          …or paste it
          <textarea name="data" rows={8} placeholder='{"Short":"docs","Long":"https://docs.example/","Owner":"amy@example.com"}' />
        </label>
        <label>
          When a link already exists
          <select name="policy">
            <option value="skip" selected={props.policy === 'skip'}>
              keep the existing link (skip)
            </option>
            <option value="overwrite" selected={props.policy === 'overwrite'}>
              replace it with the imported one (overwrite)
            </option>
          </select>
        </label>
        <label class="check">
          <input type="checkbox" name="dry_run" value="1" checked={props.dryRun} /> Dry run: only show what would change
        </label>
        <div>
          <button type="submit">Import</button>
        </div>
      </form>
    </LinksPage>
  );
}
