import { describe, expect, it } from '@jest/globals';
import { NetworkSlots } from '../../src/publishing/dispatcher/dispatch-limits';

describe('network slots', () => {
  it('offers each network its free room and nothing for a full one', () => {
    const slots = new NetworkSlots(2);
    slots.take('x');
    slots.take('x');
    slots.take('instagram');
    expect(slots.room()).toEqual({ networks: ['instagram', 'facebook'], room: [1, 2], total: 3 });
  });

  it('gives a slot back when a publish ends, never going below zero', () => {
    const slots = new NetworkSlots(1);
    slots.take('facebook');
    expect(() => slots.take('facebook')).toThrow('no free facebook slot');
    slots.release('facebook');
    slots.release('facebook');
    expect(slots.inUse('facebook')).toBe(0);
    expect(slots.room().total).toBe(3);
  });
});
