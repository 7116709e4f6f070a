// okr coverage: does the milestone's work serve the quarter's key results, and does every key
// result have work? An open issue of the milestone supports a key result when it is linked to one
// (okr link), or when its milestone names one on a `Supports:` line. A key result is supported when
// any issue is linked to it or any milestone names it. OKR issues themselves are not work.
import { compareText } from '../common/text.js';
import { issueId } from './model.js';
import { supportedReferences } from './supports.js';

interface CoverageIssue {
  projectId: number;
  iid: number;
  reference: string;
  title: string;
  webUrl: string;
  labels: string[];
  assignees: string[];
  milestone: { title: string } | null;
}

export interface CoverageState {
  /** The quarter's key results, each with the issues linked to it. */
  keyResults: Array<CoverageIssue & { linked: CoverageIssue[] }>;
  /** The milestones looked at (the one asked for first), with their descriptions. */
  milestones: Array<{ title: string; description: string; webUrl: string }>;
  /** The milestone's open issues. */
  issues: CoverageIssue[];
}

export interface CoverageRequest {
  quarter: { name: string; label: string };
  milestone: string;
  /** labels.objective and labels.key_result: issues carrying them are OKRs, not work. */
  okrLabels: string[];
}

const summary = (issue: CoverageIssue) => ({
  reference: issue.reference,
  title: issue.title,
  webUrl: issue.webUrl,
  assignees: issue.assignees,
});

export interface CoverageDocument {
  schemaVersion: 1;
  command: 'okr coverage';
  quarter: { name: string; label: string };
  milestone: { title: string; webUrl: string | null; supports: string[] };
  /** Open issues of the milestone that support no key result of the quarter. */
  unsupportedIssues: Array<ReturnType<typeof summary>>;
  /** Key results of the quarter that no issue or milestone supports. */
  unsupportedKeyResults: Array<ReturnType<typeof summary>>;
  counts: { issues: number; supportedIssues: number; keyResults: number; supportedKeyResults: number };
}

export function summariseCoverage(state: CoverageState, request: CoverageRequest): CoverageDocument {
  const isOkr = (issue: CoverageIssue) => issue.labels.some((label) => request.okrLabels.includes(label));
  const krReferences = new Set(state.keyResults.map((kr) => kr.reference.toLowerCase()));
  const milestoneSupports = new Map(
    state.milestones.map((m) => [m.title, supportedReferences(m.description).filter((ref) => krReferences.has(ref))]),
  );
  const linkedToKeyResult = new Set(state.keyResults.flatMap((kr) => kr.linked.filter((i) => !isOkr(i)).map(issueId)));
  const work = state.issues.filter((issue) => !isOkr(issue));
  const unsupportedIssues = work.filter(
    (issue) => !linkedToKeyResult.has(issueId(issue)) && (milestoneSupports.get(issue.milestone?.title ?? '') ?? []).length === 0,
  );
  const namedByMilestones = new Set([...milestoneSupports.values()].flat());
  const unsupportedKeyResults = state.keyResults.filter(
    (kr) => !kr.linked.some((issue) => !isOkr(issue)) && !namedByMilestones.has(kr.reference.toLowerCase()),
  );
  const byReference = (a: { reference: string }, b: { reference: string }) => compareText(a.reference, b.reference);
  const asked = state.milestones.find((m) => m.title === request.milestone);
  return {
    schemaVersion: 1,
    command: 'okr coverage',
    quarter: request.quarter,
    milestone: { title: request.milestone, webUrl: asked?.webUrl ?? null, supports: milestoneSupports.get(request.milestone) ?? [] },
    unsupportedIssues: unsupportedIssues.sort(byReference).map(summary),
    unsupportedKeyResults: unsupportedKeyResults.sort(byReference).map(summary),
    counts: {
      issues: work.length,
      supportedIssues: work.length - unsupportedIssues.length,
      keyResults: state.keyResults.length,
      supportedKeyResults: state.keyResults.length - unsupportedKeyResults.length,
    },
  };
}
