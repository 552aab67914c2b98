// A tiny two-language table. Chinese is the default; the choice is kept in localStorage.
const STORAGE_KEY = 'kaoping.lang';

const TEXT = {
  zh: {
    title: '考评 · 智慧绩效',
    'nav.overview': '总览', 'nav.units': '单位', 'nav.risks': '风险与整改',
    period: '考评期', logout: '退出', lang: 'English',
    'login.title': '登录考评平台', 'login.hint': '请输入考评部门发放的 API 令牌', 'login.token': 'API 令牌', 'login.submit': '进入',
    'login.failed': '令牌无效或已过期', 'role.admin': '考评部门', 'role.leader': '单位领导', 'role.staff': '干部职工', 'role.integrator': '系统集成',
    scope: '范围', 'scope.all': '全部', loading: '加载中…', empty: '暂无数据', error: '出错了',
    'overview.people': '人员', 'overview.mean': '平均综合得分', 'overview.openRisks': '未解除风险', 'overview.openTasks': '待办整改任务',
    'overview.histogram': '个人综合得分分布', 'overview.tiers': '各段位分布（按考核组）', 'overview.risks': '风险：类别 × 严重程度',
    'overview.noComposite': '本期无综合得分',
    'tier.1': '第1段', 'tier.2': '第2段', 'tier.3': '第3段', 'tier.none': '未定段',
    'severity.high': '高', 'severity.medium': '中', 'severity.low': '低',
    'units.compare': '横向比较：各单位综合得分', 'units.table': '单位列表', 'unit.name': '单位', 'unit.kind': '层级',
    'kind.bureau': '市局', 'kind.district': '区局', 'kind.section': '科室', 'kind.team': '班组',
    composite: '综合得分', score: '得分', value: '指标值', indicator: '指标', people: '人员', person: '人员',
    'unit.trend': '纵向比较：逐月得分', 'unit.results': '单位指标', 'unit.people': '人员列表', 'unit.parent': '上级单位',
    post: '岗位', tier: '段位', rank: '名次', explain: '解释', records: '记录',
    'person.radar': '指标雷达图', 'person.trend': '逐月趋势', 'person.risks': '风险标签', 'person.tiers': '历年段位',
    'person.gate': '晋升资格', 'person.results': '指标得分', 'gate.allowed': '允许晋升', 'gate.blocked': '不允许晋升',
    'tiers.source.kaoping': '本系统考评', 'tiers.source.history': '数字人事记录', year: '年度', source: '来源', reason: '原因',
    'explain.title': '得分解释（以事见人）', 'explain.records': '得分背后的记录', 'explain.rules': '触发的规则', 'explain.params': '参数',
    'explain.state': '累计状态', 'explain.version': '版本', 'explain.scale': '计分方式', 'explain.count': '记录数',
    'explain.shown': '显示前 {n} 条', 'explain.tier': '段位解释',
    'event.id': '编号', 'event.type': '类型', 'event.source': '来源系统', 'event.when': '时间', 'event.unit': '单位', 'event.attrs': '内容',
    'risks.board': '整改任务看板', 'risks.list': '风险清单', 'risk.message': '风险', 'risk.category': '类别', 'risk.severity': '严重程度',
    'risk.status': '状态', 'risk.status.open': '未解除', 'risk.status.resolved': '已解除', 'risk.subject': '对象',
    'task.open': '待确认', 'task.acknowledged': '已确认', 'task.submitted': '已提交整改', 'task.verified': '已验证', 'task.reopened': '已退回',
    'do.acknowledged': '确认', 'do.submitted': '提交整改', 'do.verified': '验证通过', 'do.reopened': '退回',
    'task.note': '整改说明', 'task.due': '期限', 'task.assignee': '责任人', 'task.escalated': '已上报',
    'task.notePrompt': '请填写整改说明', 'risks.more': '另有 {n} 条，请按责任人筛选', 'risks.assignee': '责任人人员代码', 'risks.filter': '筛选', cancel: '取消', ok: '确定',
    'me.title': '当前身份',
    'explain.quota': '第1段比例', 'explain.threshold': '第3段分数线', 'explain.group': '考核组', 'explain.left': '离职日期', 'explain.weight': '权重', 'explain.selection': '记录的选取',
    'reason.ranked': '按得分排名', 'reason.below-threshold': '低于分数线', 'reason.sanction': '当年受处分', 'reason.left': '已离职', 'reason.no-data': '无考评数据',
  },
  en: {
    title: 'Kaoping · Smart Performance',
    'nav.overview': 'Overview', 'nav.units': 'Units', 'nav.risks': 'Risks & tasks',
    period: 'Period', logout: 'Sign out', lang: '中文',
    'login.title': 'Sign in to Kaoping', 'login.hint': 'Enter the API token issued by the evaluation department', 'login.token': 'API token', 'login.submit': 'Enter',
    'login.failed': 'The token is invalid or expired', 'role.admin': 'Evaluation dept.', 'role.leader': 'Unit leader', 'role.staff': 'Staff member', 'role.integrator': 'Integrator',
    scope: 'Scope', 'scope.all': 'everything', loading: 'Loading…', empty: 'No data', error: 'Error',
    'overview.people': 'People', 'overview.mean': 'Mean composite', 'overview.openRisks': 'Open risks', 'overview.openTasks': 'Pending tasks',
    'overview.histogram': 'Distribution of personal composite scores', 'overview.tiers': 'Tiers per tier group', 'overview.risks': 'Risks: category × severity',
    'overview.noComposite': 'No composite scores for this period',
    'tier.1': 'Tier 1', 'tier.2': 'Tier 2', 'tier.3': 'Tier 3', 'tier.none': 'No tier',
    'severity.high': 'High', 'severity.medium': 'Medium', 'severity.low': 'Low',
    'units.compare': 'Side by side: unit composites', 'units.table': 'Units', 'unit.name': 'Unit', 'unit.kind': 'Level',
    'kind.bureau': 'Bureau', 'kind.district': 'District', 'kind.section': 'Section', 'kind.team': 'Team',
    composite: 'Composite', score: 'Score', value: 'Value', indicator: 'Indicator', people: 'People', person: 'Person',
    'unit.trend': 'Over time: monthly scores', 'unit.results': 'Unit indicators', 'unit.people': 'People', 'unit.parent': 'Parent unit',
    post: 'Post', tier: 'Tier', rank: 'Rank', explain: 'Explain', records: 'Records',
    'person.radar': 'Indicator radar', 'person.trend': 'Monthly trend', 'person.risks': 'Risk tags', 'person.tiers': 'Tier history',
    'person.gate': 'Promotion', 'person.results': 'Indicator scores', 'gate.allowed': 'Promotion allowed', 'gate.blocked': 'Promotion blocked',
    'tiers.source.kaoping': 'Kaoping result', 'tiers.source.history': 'HR record', year: 'Year', source: 'Source', reason: 'Reason',
    'explain.title': 'Why this score (the work behind it)', 'explain.records': 'Records behind the score', 'explain.rules': 'Rules that fired', 'explain.params': 'Parameters',
    'explain.state': 'Accumulated state', 'explain.version': 'Version', 'explain.scale': 'Scale', 'explain.count': 'Records',
    'explain.shown': 'first {n} shown', 'explain.tier': 'Tier explanation',
    'event.id': 'Id', 'event.type': 'Type', 'event.source': 'Source system', 'event.when': 'When', 'event.unit': 'Unit', 'event.attrs': 'Content',
    'risks.board': 'Rectification board', 'risks.list': 'Risks', 'risk.message': 'Risk', 'risk.category': 'Category', 'risk.severity': 'Severity',
    'risk.status': 'Status', 'risk.status.open': 'Open', 'risk.status.resolved': 'Resolved', 'risk.subject': 'Subject',
    'task.open': 'Open', 'task.acknowledged': 'Acknowledged', 'task.submitted': 'Submitted', 'task.verified': 'Verified', 'task.reopened': 'Reopened',
    'do.acknowledged': 'Acknowledge', 'do.submitted': 'Submit', 'do.verified': 'Verify', 'do.reopened': 'Reopen',
    'task.note': 'Rectification note', 'task.due': 'Due', 'task.assignee': 'Assignee', 'task.escalated': 'Escalated',
    'task.notePrompt': 'Describe the rectification', 'risks.more': '{n} more; filter by assignee', 'risks.assignee': 'Assignee person code', 'risks.filter': 'Filter', cancel: 'Cancel', ok: 'OK',
    'me.title': 'Signed in as',
    'explain.quota': 'Tier-1 quota', 'explain.threshold': 'Tier-3 threshold', 'explain.group': 'Tier group', 'explain.left': 'Left on', 'explain.weight': 'Weight', 'explain.selection': 'How the records were chosen',
    'reason.ranked': 'ranked by score', 'reason.below-threshold': 'below the threshold', 'reason.sanction': 'sanctioned that year', 'reason.left': 'left', 'reason.no-data': 'no data',
  },
};

// Risk categories are data (Chinese words); English labels for the switch.
const CATEGORY_EN = { 时效: 'Timeliness', 质量: 'Quality', 服务: 'Service', 纪律: 'Discipline', 学习: 'Study', 出勤: 'Attendance' };

export function lang() {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

export function setLang(value) {
  localStorage.setItem(STORAGE_KEY, value === 'en' ? 'en' : 'zh');
  document.documentElement.lang = value === 'en' ? 'en' : 'zh-CN';
}

/** Translates a key; `{name}` placeholders are filled from `vars`. Unknown keys show as themselves. */
export function t(key, vars) {
  const text = TEXT[lang()][key] ?? TEXT.zh[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? '')) : text;
}

/** Picks the language's side of a `{ zh, en }` title. */
export function localized(text) {
  if (!text) return '';
  if (typeof text === 'string') return text;
  return text[lang()] ?? text.zh ?? '';
}

export function category(name) {
  return lang() === 'en' ? CATEGORY_EN[name] ?? name : name;
}
