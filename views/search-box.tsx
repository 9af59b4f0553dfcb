/**
 * The live search box of a list page: a plain GET form that works without JavaScript; with htmx
 * it re-fetches `#results` as you type and keeps the URL in step.
 *
 * @example <SearchBox action="/.search" q={q} label="Search links" placeholder="Search names" />
 */
export interface SearchBoxProps {
  /** Where the form (and htmx) sends `?q=`. */
  action: string;
  q?: string;
  /** The label screen readers announce. */
  label: string;
  placeholder: string;
  /** How long typing must pause before htmx asks (default 250 ms). */
  delayMs?: number;
}

export function SearchBox(props: SearchBoxProps) {
  return (
    <search>
      <form method="get" action={props.action} class="inline">
        <label for="q" class="visually-hidden">
          {props.label}
        </label>
        <input
          id="q"
          type="search"
          name="q"
          class="grow"
          value={props.q}
          placeholder={props.placeholder}
          hx-get={props.action}
          hx-trigger={`input changed delay:${props.delayMs ?? 250}ms, search`}
          hx-target="#results"
          hx-swap="outerHTML"
          hx-replace-url="true"
        />
        <button type="submit">Search</button>
      </form>
    </search>
  );
}
