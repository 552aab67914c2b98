import { kpError, type Store } from '@kaoping/contract';
import type { Scope } from '../auth/scope.js';

/**
 * Refuses an appeal or comment on something outside the caller's scope. Target ids are the loop's:
 * a result `<period>/<subjectKind>/<subjectId>/<indicator>`, a tier `<period>/<personId>`, a risk
 * or an appeal its id.
 */
export async function assertTargetVisible(scope: Scope, store: Store, kind: string, id: string): Promise<void> {
  if (scope.all) return;
  switch (kind) {
    case 'result': {
      const [, subjectKind, subjectId] = id.split('/');
      if ((subjectKind !== 'person' && subjectKind !== 'unit') || !subjectId) {
        throw kpError('KP_ERR_REQUEST_INVALID', `result target "${id}" is not <period>/<person|unit>/<subjectId>/<indicator>`);
      }
      return scope.assertSubject(subjectKind, subjectId);
    }
    case 'tier': {
      const personId = id.slice(id.indexOf('/') + 1);
      if (!id.includes('/') || !personId) throw kpError('KP_ERR_REQUEST_INVALID', `tier target "${id}" is not <period>/<personId>`);
      return scope.assertPerson(personId);
    }
    case 'risk': {
      const [risk] = await store.listRisks({ id });
      if (!risk) throw kpError('KP_ERR_NOT_FOUND', 'Risk', id);
      return scope.assertSubject(risk.subject.kind, risk.subject.id);
    }
    case 'appeal': {
      const [appeal] = await store.listAppeals({ id });
      if (!appeal) throw kpError('KP_ERR_NOT_FOUND', 'Appeal', id);
      return scope.assertPerson(appeal.personId);
    }
    default:
      throw kpError('KP_ERR_REQUEST_INVALID', `unknown target kind "${kind}"; use result, tier, risk or appeal`);
  }
}
