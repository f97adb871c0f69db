/** Life cycle of a takedown task: open → in_progress → done | cancelled. */
export const TAKEDOWN_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TakedownStatus = (typeof TAKEDOWN_STATUSES)[number];

const NEXT: Record<TakedownStatus, readonly TakedownStatus[]> = {
  open: ['in_progress'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

export function canMoveTakedown(from: TakedownStatus, to: TakedownStatus): boolean {
  return NEXT[from].includes(to);
}

export function isClosedTakedown(status: TakedownStatus): boolean {
  return status === 'done' || status === 'cancelled';
}
