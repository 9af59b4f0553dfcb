/**
 * The home page: the create form (tclip's `content` and `filename` fields, plus lifetime,
 * visibility and language), pre-filled when cloning a paste ("edit as new"), and the viewer's
 * own newest pastes.
 *
 * @example <HomePage ctx={ctx} recent={[]} lifetimes={['1h', 'never']} defaultLifetime="never" />
 */
import type { LanguageList, LifetimeChoice, PageCtx, PasteFormValues, PasteMeta } from './models.js';
import { Badges, formatSize, PastePage, pasteHref, When } from './page.js';
import { LanguageOptions } from './picker.js';

/** What a person reads next to each lifetime choice. */
const LIFETIME_LABELS: Readonly<Record<LifetimeChoice, string>> = {
  '1h': '1 hour',
  '1d': '1 day',
  '1w': '1 week',
  '30d': '30 days',
  never: 'never',
};

export interface HomeProps {
  ctx: PageCtx;
  recent: readonly PasteMeta[];
  lifetimes: readonly LifetimeChoice[];
  defaultLifetime: LifetimeChoice;
  languages: LanguageList;
  form?: PasteFormValues;
  /** The paste being cloned ("edit as new"). */
  cloneOf?: { id: string; filename: string };
  error?: string;
  /** A paste was just deleted. */
  deleted?: boolean;
}

export function PasteForm(props: Pick<HomeProps, 'lifetimes' | 'defaultLifetime' | 'languages' | 'form'>) {
  const f = props.form ?? {};
  const expires = f.expires ?? props.defaultLifetime;
  return (
    <form method="post" action="/api/post" class="stack paste-form" aria-label="Create a paste">
      <label>
        Filename <span class="muted">(optional; the extension picks the highlighting)</span>
        <input name="filename" placeholder="filename.txt" maxlength={255} value={f.filename ?? ''} autocomplete="off" />
      </label>
      <label>
        Content
        <textarea name="content" rows={20} required autofocus spellcheck={false}>
          {f.content ?? ''}
        </textarea>
      </label>
      <div class="row">
        <label>
          Expires
          <select name="expires">
            {props.lifetimes.map((l) => (
              <option value={l} selected={l === expires}>
                {LIFETIME_LABELS[l]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Language
          <select name="language">
            <option value="">detect</option>
            <LanguageOptions options={props.languages} selected={f.language ?? ''} />
          </select>
        </label>
      </div>
      <label class="check">
        <input type="checkbox" name="unlisted" value="1" checked={f.unlisted} /> Unlisted: reachable by its link, never in lists or search
      </label>
      <label class="check">
        <input type="checkbox" name="burn" value="1" checked={f.burn} /> Burn after reading: deleted once someone else has read it
      </label>
      <div class="row">
        <button type="submit">Paste</button>
        <a href="/help">CLI, curl and API</a>
      </div>
    </form>
  );
}

export function RecentList(props: { rows: readonly PasteMeta[] }) {
  return props.rows.length === 0 ? (
    <p class="muted">You have no pastes yet.</p>
  ) : (
    <ul class="pastes">
      {props.rows.map((p) => (
        <li>
          <a href={pasteHref(p.id)}>{p.filename}</a> <span class="muted">{formatSize(p.size)} · </span>
          <When iso={p.createdAt} /> <Badges unlisted={p.unlisted} burn={p.burn} expiresAt={p.expiresAt} />
        </li>
      ))}
    </ul>
  );
}

export function HomePage(props: HomeProps) {
  const { ctx } = props;
  return (
    <PastePage ctx={ctx} title={props.cloneOf ? `Edit ${props.cloneOf.filename} as new` : 'New paste'}>
      {props.deleted && (
        <p class="banner ok" role="status">
          The paste was deleted.
        </p>
      )}
      <h1>{props.cloneOf ? `New paste from ${props.cloneOf.filename}` : 'New paste'}</h1>
      {props.cloneOf && (
        <p class="muted">
          Pastes never change: this creates a new paste; <a href={pasteHref(props.cloneOf.id)}>the original</a> stays as it is.
        </p>
      )}
      {props.error && (
        <p class="banner error" role="alert">
          {props.error}
        </p>
      )}
      <PasteForm lifetimes={props.lifetimes} defaultLifetime={props.defaultLifetime} languages={props.languages} form={props.form} />
      {ctx.canListOwn && (
        <section aria-labelledby="recent-h">
          <h2 id="recent-h">Your recent pastes</h2>
          <RecentList rows={props.recent} />
          <p>
            <a href="/paste/mine">All your pastes</a>
            {ctx.canListAll && (
              <>
                {' · '}
                <a href="/paste/list">Everyone's pastes</a>
              </>
            )}
          </p>
        </section>
      )}
    </PastePage>
  );
}
