// The console's entry (bundled into /console/app.js): the login form, the navigation and
// the hash router that starts one page at a time and stops the previous one's timers.
// Without a token only the login form shows; the shell the server sends holds no data.

import { h, replace } from '../../../apps/views/dom.ts';
import { ApiError, api, onSessionEnded, session } from './api.ts';
import { approvalPage, approvalsPage } from './approvals.ts';
import { auditPage } from './audit.ts';
import { incidentPage, incidentsPage } from './incidents.ts';
import { postmortemPage } from './postmortem.ts';
import { runbooksPage } from './runbooks.ts';
import type { Page } from './view.ts';

const ROUTES: [RegExp, Page][] = [
  [/^\/approvals$/, approvalsPage],
  [/^\/approvals\/([^/]+)$/, approvalPage],
  [/^\/incidents$/, incidentsPage],
  [/^\/incidents\/([^/]+)$/, incidentPage],
  [/^\/incidents\/([^/]+)\/postmortem$/, postmortemPage],
  [/^\/runbooks$/, runbooksPage],
  [/^\/audit$/, auditPage],
];

const NAV = [
  ['/approvals', 'Approvals'],
  ['/incidents', 'Incidents'],
  ['/runbooks', 'Runbooks'],
  ['/audit', 'Audit'],
] as const;

const root = document.getElementById('console')!;
let stopPage = () => {};

function show(): void {
  stopPage();
  stopPage = () => {};
  if (!session.token()) {
    showLogin();
    return;
  }
  const hash = location.hash.replace(/^#/, '') || '/approvals';
  const cut = hash.indexOf('?');
  const path = cut < 0 ? hash : hash.slice(0, cut);
  const query = new URLSearchParams(cut < 0 ? '' : hash.slice(cut + 1));
  const page = h('main', { id: 'page' });
  replace(root, navigation(path), page);
  for (const [pattern, draw] of ROUTES) {
    const match = pattern.exec(path);
    if (!match) continue;
    try {
      stopPage = draw(page, { params: match.slice(1).map(decodeURIComponent), query });
    } catch (err) {
      replace(page, h('p', { class: 'error', role: 'alert' }, `#${path}: ${(err as Error).message}`));
    }
    return;
  }
  replace(page, h('h1', {}, 'Not found'), h('p', {}, `No console page at #${path}.`));
}

function navigation(path: string): HTMLElement {
  const logOut = h('button', { type: 'button', class: 'logout' }, 'Log out');
  logOut.addEventListener('click', () => {
    session.logOut();
    showLogin('You are logged out; the token is gone from this tab.', 'note');
  });
  return h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: '#/approvals' }, 'opswarden'),
    h(
      'nav',
      {},
      ...NAV.map(([to, label]) =>
        h('a', { href: `#${to}`, class: path.startsWith(to) ? 'current' : '' }, label),
      ),
    ),
    logOut,
  );
}

function showLogin(why?: string, tone: 'error' | 'note' = 'error'): void {
  stopPage();
  stopPage = () => {};
  const token = h('input', {
    type: 'password',
    name: 'token',
    autocomplete: 'off',
    required: true,
    'aria-label': 'API token',
    placeholder: 'API token',
  });
  // POST to this page, should the script ever not handle it: a token never goes into a URL.
  const form = h(
    'form',
    { class: 'login', method: 'post', action: '#' },
    h('h1', {}, 'opswarden console'),
    h(
      'p',
      { class: 'muted' },
      'Paste your API token (an entry of auth.apiKeys). It stays in this tab only and is sent to this server as an Authorization header, nowhere else.',
    ),
    why ? h('p', tone === 'error' ? { class: 'error', role: 'alert' } : { class: 'note' }, why) : '',
    token,
    h('button', { type: 'submit' }, 'Log in'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = token.value.trim();
    if (!value) return;
    session.logIn(value);
    // Any API answers a valid token; a 401 brings this form back with the server's reason.
    api('/v1/approvals?status=pending').then(show, (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) return;
      session.logOut();
      showLogin(`Could not log in: ${(err as Error).message}`);
    });
  });
  replace(root, form);
  token.focus();
}

onSessionEnded((why) => showLogin(why));
window.addEventListener('hashchange', show);
show();
