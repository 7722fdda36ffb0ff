// A ScenarioSummary as text for a terminal: aligned tables, ages relative to spec.now
// ("12m ago") as kubectl prints them, and metric values in their units (bytes, seconds,
// per second), so the incident can be read at a glance.

import { humanDuration } from '../kube/age.ts';
import { isHealthy, type ScenarioSummary, type SeriesMove } from './render.ts';

export function formatScenarioSummary(summary: ScenarioSummary): string {
  const now = Date.parse(summary.now);
  const ago = (iso: string) => `${humanDuration(now - Date.parse(iso))} ago`;
  const notHealthy = summary.pods.filter((pod) => !isHealthy(pod)).length;
  const sections = [
    `Scenario ${summary.scenario} (${summary.source}): cluster ${summary.cluster} at ${summary.now}`,
    section(
      `Pods (${summary.pods.length}, ${notHealthy} not running and ready)`,
      table([
        ['NAMESPACE', 'NAME', 'STATUS', 'READY', 'RESTARTS', 'NODE'],
        ...summary.pods.map((pod) => [
          pod.namespace,
          pod.name,
          pod.status,
          pod.ready,
          pod.restarts && pod.lastRestart
            ? `${pod.restarts} (${ago(pod.lastRestart)})`
            : String(pod.restarts),
          pod.node ?? '<none>',
        ]),
      ]),
    ),
    section(
      `Firing alerts (${summary.alerts.length})`,
      summary.alerts.flatMap((alert) => {
        const { alertname: _name, severity: _severity, ...labels } = alert.labels;
        return [
          [(alert.severity ?? 'none').padEnd(8), alert.name, `since ${ago(alert.since)}`, labelText(labels)]
            .filter(Boolean)
            .join('  '),
          ...(alert.summary ? [`${' '.repeat(10)}${alert.summary}`] : []),
        ];
      }),
    ),
    section(
      'Top moving series (last 15m against the hour before; pods summed)',
      table(
        summary.movers.map((move) => [
          move.measure,
          `${move.name}${labelText(move.labels)}${move.series > 1 ? ` (${move.series} series)` : ''}`,
          `${valueText(move, move.before)} → ${valueText(move, move.after)}`,
          move.change === null ? 'new' : `${move.change >= 0 ? '+' : ''}${Math.round(move.change * 100)}%`,
        ]),
      ),
    ),
    section(
      'Recent changes (24h, newest first)',
      table(
        summary.changes.map((change) => [
          change.at ? ago(change.at) : 'time unknown',
          change.kind,
          change.service ? `${change.ref} (${change.service})` : change.ref,
          change.summary,
        ]),
      ),
    ),
    section(
      'Nodes not healthy',
      summary.nodes.flatMap((node) => [
        `${node.name}${node.unschedulable ? ' (cordoned: SchedulingDisabled)' : ''}`,
        ...node.conditions.map(
          (c) => `    ${c.type}=${c.status} since ${ago(c.since)}: ${c.reason}: ${c.message}`,
        ),
      ]),
    ),
  ];
  return `${sections.join('\n\n')}\n`;
}

function section(title: string, lines: string[]): string {
  return [title, ...(lines.length ? lines : ['(none)']).map((line) => `  ${line}`)].join('\n');
}

/** Rows with every column but the last padded to its widest cell. */
function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]!.length))) ?? [];
  return rows.map((row) =>
    row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '),
  );
}

function labelText(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

const BINARY_UNITS = ['', 'Ki', 'Mi', 'Gi', 'Ti'];

function valueText(move: SeriesMove, value: number): string {
  const perSecond = move.measure === 'rate' ? '/s' : '';
  if (move.name.includes('_bytes')) {
    let scaled = value;
    let unit = 0;
    while (Math.abs(scaled) >= 1024 && unit < BINARY_UNITS.length - 1) {
      scaled /= 1024;
      unit++;
    }
    return `${significant(scaled)}${BINARY_UNITS[unit]}${perSecond}`;
  }
  if (move.measure === 'mean' && move.name.endsWith('_seconds')) {
    return value < 1 ? `${significant(value * 1000)}ms` : `${significant(value)}s`;
  }
  return `${significant(value)}${perSecond}`;
}

function significant(value: number): string {
  return String(Number(value.toPrecision(3)));
}
