// GitLab's global IDs (Gitlab::GlobalId): `gid://gitlab/<Model>/<id>`. Each ID scalar accepts the
// models GitLab's GlobalIDType[...] accepts, including subclasses (a LabelID may name a
// ProjectLabel or a GroupLabel; an IssueParentID a Project or a Group).

export const GLOBAL_ID_TYPES: Record<string, readonly string[]> = {
  IssueID: ['Issue', 'WorkItem'],
  IssueParentID: ['Project', 'Group'],
  ProjectID: ['Project'],
  GroupID: ['Group'],
  MilestoneID: ['Milestone'],
  LabelID: ['Label', 'ProjectLabel', 'GroupLabel'],
  UserID: ['User'],
};

export function globalId(model: string, id: number): string {
  return `gid://gitlab/${model}/${id}`;
}

export function parseGlobalId(value: string): { model: string; id: number } | undefined {
  const match = /^gid:\/\/gitlab\/([A-Za-z][A-Za-z0-9:]*)\/(\d+)$/.exec(value);
  if (!match) return undefined;
  const id = Number(match[2]);
  return Number.isSafeInteger(id) ? { model: match[1] ?? '', id } : undefined;
}

/** updateIssue's plain `ID` arguments take a global ID or, as GitLab also accepts, the bare number. */
export function modelIdFrom(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Number(value);
  return parseGlobalId(value)?.id;
}
