/**
 * The suite's one date format. The server renders an instant as readable UTC text
 * (`2026-12-07 17:05 UTC`) in a `<time>` whose `datetime` is RFC 3339 UTC and whose `title` is the
 * UTC instant to the second; the shared script (`static/tailyard.js`) then shows it in the
 * viewer's time zone and locale, so hovering always gives the exact UTC instant. Without
 * JavaScript the UTC text stays. APIs keep RFC 3339.
 *
 * @example
 *   <LocalTime iso="2026-12-07T17:05:09.000Z" />
 *   // <time datetime="2026-12-07T17:05:09.000Z" title="2026-12-07 17:05:09 UTC" class="local">2026-12-07 17:05 UTC</time>
 */

/** An instant as `2026-12-07 17:05 UTC` (or with seconds). */
export function utcText(iso: string, seconds = false): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, seconds ? 19 : 16)} UTC`;
}

/** An instant (RFC 3339, UTC) for people; `dateOnly` shows the calendar date alone. */
export function LocalTime(props: { iso: string; dateOnly?: boolean }) {
  const { iso } = props;
  return (
    <time datetime={iso} title={utcText(iso, true)} class="local" data-date={props.dateOnly ? '' : undefined}>
      {props.dateOnly ? iso.slice(0, 10) : utcText(iso)}
    </time>
  );
}

/**
 * Unix seconds as a {@link LocalTime}; `empty` (e.g. "never") for no time.
 *
 * @example <UnixTime t={1654662452} empty="never" />
 */
export function UnixTime(props: { t: number | null | undefined; dateOnly?: boolean; empty?: string }) {
  // Go's zero time (year 1) is golink's "no time" too.
  if (!props.t || props.t <= -62135596800) return <span class="muted">{props.empty ?? '—'}</span>;
  return <LocalTime iso={new Date(props.t * 1000).toISOString()} dateOnly={props.dateOnly} />;
}
