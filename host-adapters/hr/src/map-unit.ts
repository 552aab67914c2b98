import type { OrgUnit } from '@kaoping/contract';
import { code, knownUnit, oneOf, optionalCode, text, type MapEnv, type RecordMapper } from '@kaoping/contract/records';

const LEVEL = { 市局: 'bureau', 区局: 'district', 科室: 'section' } as const;

/** units.csv → OrgUnit; 上级机构代码 empty for the root, otherwise a unit the directory knows. */
export function unitMapper(env: MapEnv): RecordMapper {
  return (rec, origin) => {
    const id = code(rec, '机构代码');
    const parent = optionalCode(rec, '上级机构代码');
    const unit: OrgUnit = {
      id,
      name: text(rec, '机构名称'),
      parentId: parent === null ? null : knownUnit(env.directory, '上级机构代码', parent),
      kind: oneOf(rec, '机构层级', LEVEL),
    };
    return [{ kind: 'unit', unit, origin }];
  };
}
