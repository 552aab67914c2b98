import { nounCommand, type VerbContext } from '../runtime/subcommands.js';

/** Exit code 1 when the log is broken, so a scheduled check can alert on it. */
async function verify(ctx: VerbContext): Promise<number> {
  const { kernel } = await ctx.open();
  const report = await kernel.loop.verifyAudit();
  if (ctx.json) console.log(JSON.stringify(report));
  else if (report.ok) console.log(`审计日志完整 audit log intact: ${report.rows} 条记录 rows chained, ${report.results} 条结果 results match their recorded hashes`);
  else console.log(`审计日志断链 audit log broken at row ${report.seq}: ${report.reason}`);
  return report.ok ? 0 : 1;
}

export const auditCommand = nounCommand({
  name: 'audit',
  summary: 'Audit log (审计): verify the hash chain and the result rows it covers; names the first broken link',
  verbs: {
    verify: { usage: 'kaoping audit verify --db FILE [--json]', run: verify },
  },
});
