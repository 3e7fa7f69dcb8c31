// The typed result every server action returns, ready for useActionState (DESIGN.md §8).
export type ActionState =
  | { status: 'idle' }
  | { status: 'success'; message: string; data?: Record<string, string> }
  | { status: 'invalid'; message: string; fieldErrors: Record<string, string[]> }
  | { status: 'forbidden'; message: string }
  | { status: 'failed'; message: string };

export const idleState: ActionState = { status: 'idle' };
