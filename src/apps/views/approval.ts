// The approval status card (ui://opswarden/approval), for approval_status: what waits for a
// human (the action, its target, who asked, until when), who may decide (a human holding
// one of the approver roles, never the requester) and where (the CLI command, the
// /v1/approvals endpoint), or how it was decided. The card can only look: there is no
// approve or reject control, and nothing a view can reach approves. Deciding needs an
// approver's own token or signing key, which neither the view nor its host's agent holds.

import { actionButton, callThroughHost, startView, type ToolResult, type ViewRuntime } from './connect.ts';
import { arr, h, obj, replace, str, when } from './dom.ts';

function row(label: string, ...value: (Node | string)[]): HTMLElement[] {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

function render(result: ToolResult, view: ViewRuntime): void {
  const sc = obj(result.structuredContent);
  const id = str(sc.approvalId) ?? '';
  const status = str(sc.status) ?? 'unknown';
  const approvers = arr(sc.approvers).filter((r): r is string => typeof r === 'string');
  const where = arr(sc.howToApprove).filter((w): w is string => typeof w === 'string');
  const pending = status === 'pending';
  const note = h('p', { class: 'status muted', role: 'status' });
  const details: HTMLElement[] = [
    ...row('Action', h('code', {}, str(sc.tool) ?? '?'), str(sc.target) ? ` on ${str(sc.target)}` : ''),
    ...row('Requested by', str(sc.requester) ?? '?'),
    ...(pending ? row('Decide before', when(str(sc.expiresAt) ?? '')) : []),
    ...(str(sc.decidedBy)
      ? row('Decided by', `${str(sc.decidedBy)}${str(sc.decidedAt) ? `, ${when(str(sc.decidedAt)!)}` : ''}`)
      : []),
    ...(str(sc.comment) ? row('Comment', str(sc.comment)!) : []),
    ...(str(sc.executeBy) ? row('Use before', when(str(sc.executeBy)!)) : []),
  ];
  replace(
    view.root,
    h(
      'article',
      { class: `approval status-${status}` },
      h(
        'header',
        {},
        h('h1', {}, 'Approval ', h('code', {}, id)),
        h('span', { class: `badge status-${status}` }, status),
      ),
      h('dl', {}, ...details),
      pending
        ? h(
            'section',
            { class: 'decide', 'aria-labelledby': 'who-title' },
            h('h2', { id: 'who-title' }, 'Who can decide'),
            h(
              'p',
              {},
              approvers.length
                ? `A human with the role ${approvers.join(' or ')}, proving it with their own token or signing key. Never the requester, never an AI.`
                : 'A human approver; never the requester, never an AI.',
            ),
            h('h2', {}, 'Where'),
            where.length
              ? h('ul', { class: 'where' }, ...where.map((w) => h('li', {}, h('code', {}, w))))
              : h('p', {}, h('code', {}, `opswarden approvals approve ${id}`)),
            h('p', { class: 'muted' }, 'This card cannot approve or reject anything.'),
          )
        : null,
      str(sc.next) ? h('p', { class: 'next' }, h('strong', {}, 'Next: '), str(sc.next)!) : null,
    ),
    h(
      'div',
      { class: 'actions' },
      id
        ? actionButton(
            'Refresh status',
            'approval_status through the host (read only; gated and audited)',
            () =>
              callThroughHost(view, note, {
                tool: 'approval_status',
                args: { id },
                busy: 'Asking through the host…',
                failed: 'The status could not be read.',
              }),
          )
        : null,
      note,
    ),
  );
}

startView('approval', render);
