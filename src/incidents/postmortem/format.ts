// How a postmortem writes times, durations and table cells: UTC, to the second, durations
// the way people say them ("12m 30s"), and cell text that cannot break the table.

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const s = total % 60;
  const parts = [d && `${d}d`, h && `${h}h`, m && `${m}m`, s && `${s}s`].filter(Boolean).slice(0, 2);
  return parts.length ? parts.join(' ') : '0s';
}

/** `2026-05-12 03:00:05Z`. */
export function formatTime(at: string): string {
  return `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

export function between(from: string, to: string): string {
  return formatDuration(Date.parse(to) - Date.parse(from));
}

/** One table cell: pipes escaped, newlines folded, long text cut. */
export function cell(text: string, max = 200): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
