// Backends built on their first call (src/backends/on-first-use.ts): eager members answer
// without loading, concurrent first calls share one load, a failed load is tried again by
// the next call (a kubeconfig fixed, a network back), and calls reach the loaded backend.

import { describe, expect, it } from 'vitest';
import { onFirstUse } from '../../../src/backends/on-first-use.ts';

interface Echo {
  readonly name: string;
  echo(text: string): Promise<string>;
  twice(text: string): Promise<string>;
}

function counted(fail: number) {
  let loads = 0;
  const backend = onFirstUse<Echo, 'name'>(
    async () => {
      loads += 1;
      if (loads <= fail) throw new Error(`load ${loads} failed`);
      const loaded: Echo = {
        name: 'real',
        echo: async (text) => `${text} from load ${loads}`,
        async twice(text) {
          return `${await this.echo(text)} ${await this.echo(text)}`;
        },
      };
      return loaded;
    },
    { name: 'eager' },
    { echo: true, twice: true },
  );
  return { backend, loads: () => loads };
}

describe('onFirstUse', () => {
  it('answers eager members without loading, and loads once for concurrent first calls', async () => {
    const { backend, loads } = counted(0);
    expect(backend.name).toBe('eager');
    expect(loads()).toBe(0);
    const answers = await Promise.all([backend.echo('a'), backend.echo('b'), backend.twice('c')]);
    expect(answers).toEqual(['a from load 1', 'b from load 1', 'c from load 1 c from load 1']);
    expect(loads()).toBe(1);
  });

  it('fails the call whose load failed and loads again on the next call', async () => {
    const { backend, loads } = counted(1);
    await expect(backend.echo('a')).rejects.toThrow('load 1 failed');
    expect(await backend.echo('b')).toBe('b from load 2');
    expect(await backend.echo('c')).toBe('c from load 2');
    expect(loads()).toBe(2);
  });
});
