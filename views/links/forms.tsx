/**
 * The link forms: "create a link" (home, 404 and delete pages) and "edit" (detail page).
 * Plain HTML forms that work without JavaScript; the names are golink's (`short`, `long`, `owner`).
 *
 * @example <CreateForm brand="go" short="docs" />
 */
/** golink's name pattern, for the browser's own validation. */
const SHORT_PATTERN = '[A-Za-z0-9_][A-Za-z0-9_\\-\\.]*';

export interface CreateFormProps {
  brand: string;
  short?: string;
  long?: string;
  description?: string;
}

export function CreateForm(props: CreateFormProps) {
  const prefilled = Boolean(props.short);
  return (
    <form method="post" action="/" class="stack" aria-label="Create a link">
      <input type="hidden" name="create" value="1" />
      <label>
        Name <span class="muted">(letters, numbers, dash, underscore and period)</span>
        <span class="prefixed">
          <span class="muted mono">{props.brand}/</span>
          <input name="short" required pattern={SHORT_PATTERN} maxlength={128} value={props.short ?? ''} autofocus={!prefilled} autocomplete="off" />
        </span>
      </label>
      <label>
        Destination
        <input name="long" type="text" required maxlength={16384} placeholder="https://destination-url" value={props.long ?? ''} autofocus={prefilled} />
      </label>
      <label>
        Description <span class="muted">(optional)</span>
        <input name="description" maxlength={4096} value={props.description ?? ''} />
      </label>
      <div class="row">
        <button type="submit">Create</button>
        <a href="/.help">Help and advanced options</a>
      </div>
    </form>
  );
}

export interface EditFormProps {
  short: string;
  long: string;
  description: string;
  owner: string;
}

export function EditForm(props: EditFormProps) {
  return (
    <form method="post" action={`/.detail/${encodeURIComponent(props.short)}`} class="stack" aria-label="Edit link">
      <label>
        {/* A rename moves the link; the old name is not kept as an alias, which would hold on to
            a name nobody chose to keep (and golink's exports would show two links): say so. */}
        Name <span class="muted">(change it to rename the link: the old name {props.short} then stops working)</span>
        <input name="short" required pattern={SHORT_PATTERN} maxlength={128} value={props.short} autocomplete="off" />
      </label>
      <label>
        Destination
        <input name="long" required maxlength={16384} value={props.long} autofocus />
      </label>
      <label>
        Description
        <textarea name="description" maxlength={4096} rows={3}>
          {props.description}
        </textarea>
      </label>
      <label>
        Owner <span class="muted">(a login; transfer the link by changing it)</span>
        <input name="owner" required maxlength={320} value={props.owner} />
      </label>
      <div>
        <button type="submit">Save</button>
      </div>
    </form>
  );
}
