// The commands a simulated container answers to through `pods/exec`. It is no real shell:
// a small, deterministic set an on-call engineer reaches for first (env, printenv, cat and
// ls over the pod's mounted ConfigMaps and Secrets, hostname, id, whoami, uname, date on the
// world's clock, echo, pwd, true/false, sleep, seq), each answering from the pod spec and
// the cluster's objects (container-view.ts). `sh -c` runs one such command (or `exit N`);
// pipes, redirections, variables and globs are refused saying so. Anything else exits 127
// with `<cmd>: command not found` on stderr, as a shell would. `seq` streams, so a test can
// flood a client with output without the simulator holding it.

import type { ContainerView } from './container-view.ts';

export interface CommandRun {
  /** Produced lazily, chunk by chunk (written with backpressure). */
  stdout: Iterable<string>;
  stderr: string;
  exitCode: number;
  /** Wall-clock time the command takes before it answers (sleep). */
  sleepMs?: number;
}

type Command = (args: string[], view: ContainerView, now: Date) => CommandRun;

const ok = (stdout: string): CommandRun => ({ stdout: [stdout], stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1, stdout = ''): CommandRun => ({
  stdout: stdout ? [stdout] : [],
  stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`,
  exitCode,
});
const lines = (items: readonly string[]) => items.map((item) => `${item}\n`).join('');

const BIN_DIRS = new Set(['/bin', '/usr/bin', '/usr/local/bin', '/sbin', '/usr/sbin']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);
/** What `sh -c` would need a real shell for. */
const SHELL_SYNTAX = /[|&;<>()$`\\*?[\]{}~!#\n]/;
const KERNEL = '6.1.0-opswarden-sandbox';
const LINES_PER_CHUNK = 2048;

const COMMANDS: Record<string, Command> = {
  env: (args, view) =>
    args.length
      ? fail('env: running a command through env is not simulated in the sandbox', 125)
      : ok(lines(view.env.map(([name, value]) => `${name}=${value}`))),
  printenv: (args, view) => {
    if (!args.length) return COMMANDS.env!([], view, new Date(0));
    const env = new Map(view.env);
    const found = args.filter((name) => env.has(name));
    return {
      ...ok(lines(found.map((name) => env.get(name)!))),
      exitCode: found.length === args.length ? 0 : 1,
    };
  },
  cat: (args, view) => {
    let stdout = '';
    const errors: string[] = [];
    for (const arg of args) {
      const path = absolute(arg, view);
      const content = view.files.get(path);
      if (content !== undefined) stdout += content;
      else
        errors.push(
          `cat: ${arg}: ${isDirectory(path, view) ? 'Is a directory' : 'No such file or directory'}`,
        );
    }
    return errors.length ? fail(lines(errors), 1, stdout) : ok(stdout);
  },
  ls: (args, view) => listFiles(args, view),
  hostname: (_args, view) => ok(`${view.hostname}\n`),
  pwd: (_args, view) => ok(`${view.workingDir}\n`),
  id: (_args, view) => ok(`${identity(view)}\n`),
  whoami: (_args, view) =>
    view.uid === 0 ? ok('root\n') : fail(`whoami: cannot find name for user ID ${view.uid}`),
  uname: (args, view) => uname(args, view),
  date: (args, _view, now) => date(args, now),
  echo: (args) => (args[0] === '-n' ? ok(args.slice(1).join(' ')) : ok(`${args.join(' ')}\n`)),
  true: () => ok(''),
  false: () => fail('', 1),
  sleep: (args) => {
    const seconds = Number(args[0]);
    if (args.length !== 1 || !Number.isFinite(seconds) || seconds < 0)
      return fail(`sleep: invalid time interval '${args[0] ?? ''}'`);
    return { ...ok(''), sleepMs: seconds * 1000 };
  },
  seq: (args) => seq(args),
};

/** Runs `argv` in the container; never throws. */
export function runCommand(argv: readonly string[], view: ContainerView, now: Date): CommandRun {
  const [program = '', ...args] = argv;
  const name = commandName(program);
  if (name !== undefined && SHELLS.has(name)) return shell(args, view, now);
  const command = name === undefined ? undefined : COMMANDS[name];
  return command ? command(args, view, now) : fail(`${program}: command not found`, 127);
}

/** The command a program names: a bare name, or a path in a bin directory. */
function commandName(program: string): string | undefined {
  if (!program.includes('/')) return program;
  const slash = program.lastIndexOf('/');
  return BIN_DIRS.has(program.slice(0, slash)) ? program.slice(slash + 1) : undefined;
}

function shell(args: string[], view: ContainerView, now: Date): CommandRun {
  if (args[0] !== '-c' || args[1] === undefined)
    return fail(
      'sh: interactive shells are not simulated in the sandbox: run one command, e.g. sh -c "env"',
      2,
    );
  const script = args[1];
  if (SHELL_SYNTAX.test(script))
    return fail(
      `sh: only single commands are simulated in the sandbox (no pipes, redirections, variables, globs or lists): ${script}`,
      2,
    );
  const words = splitWords(script);
  if (words === undefined) return fail('sh: 1: Syntax error: Unterminated quoted string', 2);
  if (words[0] === 'exit') {
    const code = words[1] === undefined ? 0 : Number(words[1]);
    return Number.isInteger(code)
      ? { ...ok(''), exitCode: code & 255 }
      : fail(`sh: 1: exit: Illegal number: ${words[1]}`, 2);
  }
  return words.length ? runCommand(words, view, now) : ok('');
}

/** Words of a script with single and double quotes (nothing inside them expands here). */
function splitWords(script: string): string[] | undefined {
  const words: string[] = [];
  const pattern = /\s*(?:'([^']*)'|"([^"]*)"|([^\s'"]+))/gy;
  let word: string | undefined;
  let end = 0;
  for (let match = pattern.exec(script); match !== null; match = pattern.exec(script)) {
    end = pattern.lastIndex;
    const piece = match[1] ?? match[2] ?? match[3] ?? '';
    const joined = !/^\s/.test(match[0]) && word !== undefined;
    if (joined) word += piece;
    else {
      if (word !== undefined) words.push(word);
      word = piece;
    }
  }
  if (script.slice(end).trim()) return undefined;
  if (word !== undefined) words.push(word);
  return words;
}

function absolute(path: string, view: ContainerView): string {
  const full = path.startsWith('/') ? path : `${view.workingDir.replace(/\/$/, '')}/${path}`;
  return full.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
}

function isDirectory(path: string, view: ContainerView): boolean {
  const prefix = path === '/' ? '/' : `${path}/`;
  return [...view.files.keys()].some((file) => file.startsWith(prefix));
}

/** The entries directly under a directory. */
function children(dir: string, view: ContainerView): string[] {
  const prefix = dir === '/' ? '/' : `${dir}/`;
  const names = new Set<string>();
  for (const file of view.files.keys())
    if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split('/')[0]!);
  return [...names].sort();
}

function listFiles(args: string[], view: ContainerView): CommandRun {
  const flags = args
    .filter((a) => a.startsWith('-') && a !== '-')
    .join('')
    .replace(/-/g, '');
  const bad = [...flags].find((flag) => !'1al'.includes(flag));
  if (bad) return fail(`ls: invalid option -- '${bad}' (the sandbox's ls takes -1, -a and -l)`, 2);
  const long = flags.includes('l');
  const all = flags.includes('a');
  const paths = args.filter((a) => !a.startsWith('-') || a === '-');
  const targets = paths.length ? paths : ['.'];
  const entry = (name: string, path: string) => {
    if (!long) return name;
    const content = view.files.get(path);
    const mode = content === undefined ? 'drwxr-xr-x' : '-rw-r--r--';
    const size = content === undefined ? 4096 : Buffer.byteLength(content);
    return `${mode} 1 root root ${String(size).padStart(5)} ${name}`;
  };
  const sections: string[] = [];
  const errors: string[] = [];
  for (const arg of targets) {
    const path = absolute(arg, view);
    if (view.files.has(path)) sections.push(lines([entry(arg, path)]));
    else if (path === '/' || isDirectory(path, view)) {
      const names = [...(all ? ['.', '..'] : []), ...children(path, view)];
      const header = targets.length > 1 ? `${arg}:\n` : '';
      const join = (name: string) => (path === '/' ? `/${name}` : `${path}/${name}`);
      sections.push(header + lines(names.map((name) => entry(name, join(name)))));
    } else errors.push(`ls: cannot access '${arg}': No such file or directory`);
  }
  const stdout = sections.join(targets.length > 1 ? '\n' : '');
  return errors.length ? fail(lines(errors), 2, stdout) : ok(stdout);
}

function identity(view: ContainerView): string {
  const named = (id: number) => (id === 0 ? '0(root)' : String(id));
  return `uid=${named(view.uid)} gid=${named(view.gid)} groups=${view.groups.map(named).join(',')}`;
}

function uname(args: string[], view: ContainerView): CommandRun {
  const parts: Record<string, string> = {
    s: 'Linux',
    n: view.hostname,
    r: KERNEL,
    v: '#1 SMP',
    m: 'x86_64',
    o: 'GNU/Linux',
  };
  const flags = args.join('').replace(/-/g, '') || 's';
  const bad = [...flags].find((flag) => !(flag in parts) && flag !== 'a');
  if (bad) return fail(`uname: invalid option -- '${bad}'`);
  const wanted = flags.includes('a')
    ? Object.keys(parts)
    : Object.keys(parts).filter((k) => flags.includes(k));
  return ok(`${wanted.map((k) => parts[k]).join(' ')}\n`);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** GNU date in UTC (containers run in UTC): the default format, +%s, and ISO 8601 seconds. */
function date(args: string[], now: Date): CommandRun {
  const format = args.filter((a) => a !== '-u' && a !== '--utc');
  const iso = now.toISOString().replace(/\.\d{3}Z$/, '+00:00');
  if (!format.length) {
    const [hms] = now.toISOString().slice(11).split('.');
    const day = String(now.getUTCDate()).padStart(2, ' ');
    return ok(
      `${DAYS[now.getUTCDay()]} ${MONTHS[now.getUTCMonth()]} ${day} ${hms} UTC ${now.getUTCFullYear()}\n`,
    );
  }
  if (format.length === 1 && format[0] === '+%s') return ok(`${Math.floor(now.getTime() / 1000)}\n`);
  if (format.length === 1 && ['-Iseconds', '--iso-8601=seconds'].includes(format[0]!)) return ok(`${iso}\n`);
  return fail(`date: the sandbox's date takes -u, +%s and -Iseconds, not ${format.join(' ')}`);
}

/** `seq [FIRST [INCREMENT]] LAST` over integers, streamed in chunks. */
function seq(args: string[]): CommandRun {
  const numbers = args.map(Number);
  const bad = args.find((_arg, i) => !Number.isInteger(numbers[i]));
  if (bad !== undefined || !args.length || args.length > 3)
    return fail(
      bad === undefined ? 'seq: missing operand' : `seq: invalid floating point argument: '${bad}'`,
    );
  const [first, step, last] =
    numbers.length === 1
      ? [1, 1, numbers[0]!]
      : numbers.length === 2
        ? [numbers[0]!, 1, numbers[1]!]
        : (numbers as [number, number, number]);
  if (step === 0) return fail("seq: invalid Zero increment value: '0'");
  function* chunks(): Generator<string> {
    let chunk: string[] = [];
    for (let n = first; step > 0 ? n <= last : n >= last; n += step) {
      chunk.push(String(n));
      if (chunk.length === LINES_PER_CHUNK) {
        yield lines(chunk);
        chunk = [];
      }
    }
    if (chunk.length) yield lines(chunk);
  }
  return { stdout: chunks(), stderr: '', exitCode: 0 };
}
