import type { ErrorCode } from '@kaoping/contract';

/** The HTTP status of each coded error a route can meet; anything else is a 500. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  KP_ERR_REQUEST_INVALID: 400,
  KP_ERR_USAGE: 400,
  KP_ERR_PERIOD_INVALID: 400,
  KP_ERR_EVENT_INVALID: 400,
  KP_ERR_RECORD_INVALID: 400,
  KP_ERR_APPEAL_INVALID: 400,
  KP_ERR_UNAUTHORIZED: 401,
  KP_ERR_FORBIDDEN: 403,
  KP_ERR_NOT_FOUND: 404,
  KP_ERR_TASK_TRANSITION: 409,
  KP_ERR_PAYLOAD_TOO_LARGE: 413,
  KP_ERR_RATE_LIMITED: 429,
  KP_ERR_KERNEL_NOT_STARTED: 503,
};

export function statusOf(code: string): number {
  return STATUS[code as ErrorCode] ?? 500;
}
