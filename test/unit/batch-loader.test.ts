import { describe, expect, it } from '@jest/globals';
import { BatchLoader } from '../../src/common/batch-loader';

describe('BatchLoader', () => {
  it('answers calls made in the same tick with one batch, each with its own value', async () => {
    const batches: number[][] = [];
    const loader = new BatchLoader<number, string>(async (keys) => {
      batches.push([...keys]);
      return keys.map((k) => `v${k}`);
    });
    const answers = await Promise.all([loader.load(1), loader.load(2), loader.loadMany([3, 1])]);
    expect(answers).toEqual(['v1', 'v2', ['v3', 'v1']]);
    expect(batches).toEqual([[1, 2, 3, 1]]);
  });

  it('gathers calls made from separate callbacks of one event-loop turn', async () => {
    const batches: number[][] = [];
    const loader = new BatchLoader<number, number>(async (keys) => {
      batches.push([...keys]);
      return [...keys];
    });
    // Two timers due together run as two callbacks of the same turn, like answers from two sockets.
    const answers = await Promise.all(
      [1, 2].map((k) => new Promise<number>((done) => setTimeout(() => done(loader.load(k)), 0))),
    );
    expect(answers).toEqual([1, 2]);
    expect(batches).toEqual([[1, 2]]);
  });

  it('asks again in a later tick: nothing is cached', async () => {
    let calls = 0;
    const loader = new BatchLoader<number, number>(async (keys) => keys.map(() => ++calls));
    expect(await loader.load(7)).toBe(1);
    expect(await loader.load(7)).toBe(2);
  });

  it('fails every caller of a failed batch, loadMany included', async () => {
    const loader = new BatchLoader<number, number>(() => Promise.reject(new Error('pool gone')));
    await expect(loader.load(1)).rejects.toThrow('pool gone');
    await expect(loader.loadMany([1, 2])).rejects.toThrow('pool gone');
    expect(await new BatchLoader<number, number>(async () => []).loadMany([])).toEqual([]);
  });
});
