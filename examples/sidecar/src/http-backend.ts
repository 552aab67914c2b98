import type { ActivityEvent, Risk } from '@kaoping/contract';
import type { ScoringBackend } from '@kaoping/example-embedded-host';
import type { HookResult } from '@kaoping/kernel';

export interface HttpBackendOptions {
  /** The server's address, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** A token of role `integrator`: it may call the hook and ingest, nothing else. */
  integratorToken: string;
  /** A token that may read risks for the desk's people: the hall leader's (`leader`, scope the hall). */
  readerToken: string;
}

/** The server's coded error (`{ code, message, fix }`) as an Error the desk can show. */
async function failure(res: Response, what: string): Promise<Error> {
  const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string; fix?: string };
  return new Error(`${what}: HTTP ${res.status} ${body.code ?? ''} ${body.message ?? ''}${body.fix ? ` (fix: ${body.fix})` : ''}`.trim());
}

/** The front desk over HTTP: `POST /v1/hook` per event, `GET /v1/risks?status=open` for the warnings. */
export function httpBackend(options: HttpBackendOptions): ScoringBackend {
  const url = (path: string) => new URL(path, options.baseUrl);
  return {
    async hook(event: ActivityEvent): Promise<HookResult> {
      const res = await fetch(url('/v1/hook'), {
        method: 'POST',
        headers: { authorization: `Bearer ${options.integratorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(event),
      });
      if (!res.ok) throw await failure(res, `POST /v1/hook ${event.id}`);
      return (await res.json()) as HookResult;
    },
    async openRisks(): Promise<Risk[]> {
      const res = await fetch(url('/v1/risks?status=open'), { headers: { authorization: `Bearer ${options.readerToken}` } });
      if (!res.ok) throw await failure(res, 'GET /v1/risks');
      return (await res.json()) as Risk[];
    },
  };
}
