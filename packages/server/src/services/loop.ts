import { kpError, type Appeal, type Comment, type Task, type TaskState } from '@kaoping/contract';
import type { Kernel } from '@kaoping/kernel';

/** The loop service methods the routes call (the kernel's LoopService has them). */
export interface LoopApi {
  transitionTask(taskId: string, to: TaskState, who: string, note?: string | null): Promise<Task>;
  appeal(input: { personId: string; targetKind: Appeal['targetKind']; targetId: string; reason: string }): Promise<Appeal>;
  decideAppeal(input: {
    appealId: string; evaluatorId: string; accept: boolean; reason: string;
    adjustment?: { value?: number | null; score?: number | null; tier?: 1 | 2 | 3 };
  }): Promise<Appeal>;
  comment(input: { targetKind: string; targetId: string; authorId: string; body: string }): Promise<Comment>;
}

/** The kernel's loop; writes to tasks and appeals go through it so they are audited and pushed. */
export function loopOf(kernel: Kernel): LoopApi {
  const loop = (kernel as unknown as { loop?: LoopApi }).loop;
  if (!loop) throw kpError('KP_ERR_KERNEL_NOT_STARTED', kernel.state, 'change tasks, appeals or comments: this kernel runs without the rectification loop');
  return loop;
}
