import type { Person } from '@kaoping/contract';
import { code, knownUnit, notBefore, optionalText, optionalTime, text, time, type MapEnv, type RecordMapper } from '@kaoping/contract/records';

/** people.csv → Person; 机构代码 must be a known unit, 离职日期 empty while employed. */
export function personMapper(env: MapEnv): RecordMapper {
  return (rec, origin) => {
    const id = code(rec, '人员代码');
    const name = text(rec, '姓名');
    const unitId = knownUnit(env.directory, '机构代码', code(rec, '机构代码'));
    const postId = code(rec, '岗位代码');
    const since = time(rec, '入职日期', env.timeZone);
    const until = optionalTime(rec, '离职日期', env.timeZone);
    if (until !== null) notBefore(rec, '离职日期', until, '入职日期', since, '离职日期');
    const person: Person = { id, name, unitId, postId, since, until };
    const postName = optionalText(rec, '岗位名称');
    if (postName !== null) person.postName = postName;
    const politicalStatus = optionalText(rec, '政治面貌');
    if (politicalStatus !== null) person.politicalStatus = politicalStatus;
    return [{ kind: 'person', person, origin }];
  };
}
