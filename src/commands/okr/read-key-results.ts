import type { GitLabReader } from '../../gitlab/port.js';
import type { KeyResultIssue } from '../../rituals/okr/key-result-issue.js';
import { issueId } from '../../rituals/okr/model.js';
import type { OkrIssue, OkrStatusState } from '../../rituals/okr/status.js';
import { readOkrStatus, type NamedScope, type StatusLabels } from './read-status.js';

export interface QuarterKeyResults {
  status: OkrStatusState;
  /** The quarter's key results (also those outside the places read that an objective links), each with its comments. */
  keyResults: KeyResultIssue[];
}

/** The comments of each key result `withNotes` picks; the others get none (reading them costs a request each). */
export async function readQuarterKeyResults(
  reader: GitLabReader,
  scopes: NamedScope[],
  labels: StatusLabels,
  withNotes: (kr: OkrIssue) => boolean = () => true,
): Promise<QuarterKeyResults> {
  const status = await readOkrStatus(reader, scopes, labels);
  const linked = Object.values(status.links)
    .flat()
    .filter((issue) => issue.labels.includes(labels.keyResult));
  const all = [...new Map([...linked, ...status.keyResults].map((kr) => [issueId(kr), kr])).values()];
  const notes = await Promise.all(all.map((kr) => (withNotes(kr) ? reader.listNotes(kr.projectId, kr.iid, kr) : Promise.resolve([]))));
  return {
    status,
    keyResults: all.map((kr, i) => ({
      ...kr,
      key: kr.key ?? null,
      notes: notes[i]!.filter((note) => !note.system).map(({ id, body, key, createdAt }) => ({ id, body, key, createdAt })),
    })),
  };
}
