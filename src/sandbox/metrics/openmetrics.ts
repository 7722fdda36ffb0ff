// Writes series as OpenMetrics text, the input of `promtool tsdb create-blocks-from
// openmetrics`: one `# TYPE` / `# HELP` per metric family with all its series together,
// each series' samples oldest first with timestamps in seconds, and `# EOF` at the end.
// It streams series by series with back-pressure, never building the whole text.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { SeriesStream } from './series.ts';

export async function writeOpenMetrics(series: Iterable<SeriesStream>, out: Writable): Promise<void> {
  for (const family of groupByFamily(series)) {
    const first = family[0]!;
    await write(
      out,
      `# TYPE ${first.family} ${first.type}\n# HELP ${first.family} ${escapeHelp(first.help)}\n`,
    );
    for (const one of family) await write(out, seriesText(one));
  }
  // Resolve only once everything is flushed: a CLI may exit right after.
  await new Promise<void>((resolve, reject) =>
    out.write('# EOF\n', (error) => (error ? reject(error) : resolve())),
  );
}

/** Writes the series to `path` (created or replaced) and resolves once the file is complete. */
export async function writeOpenMetricsFile(series: Iterable<SeriesStream>, path: string): Promise<void> {
  const file = createWriteStream(path);
  const closed = once(file, 'close');
  try {
    await writeOpenMetrics(series, file);
  } finally {
    file.end();
  }
  await closed;
}

function groupByFamily(series: Iterable<SeriesStream>): SeriesStream[][] {
  const families = new Map<string, SeriesStream[]>();
  for (const one of series) {
    const family = families.get(one.family);
    if (!family) families.set(one.family, [one]);
    else if (family[0]!.type !== one.type) {
      throw new Error(
        `metric family ${one.family} is both a ${family[0]!.type} and a ${one.type} (series ${one.name}): give them different names`,
      );
    } else family.push(one);
  }
  return [...families.values()];
}

function seriesText(series: SeriesStream): string {
  const labels = Object.entries(series.labels)
    .map(([key, value]) => `${key}="${escapeLabelValue(value)}"`)
    .join(',');
  const prefix = labels ? `${series.name}{${labels}} ` : `${series.name} `;
  let text = '';
  for (const { t, v } of series.samples) text += `${prefix}${formatValue(v)} ${t / 1000}\n`;
  return text;
}

/** At most three decimals: rounding keeps counters monotonic and the file small. */
function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}
