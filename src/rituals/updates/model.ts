// What the updates are made from, as GitLab holds it: the scope's issues and merge requests, the
// quarter's key results, and the update issues themselves with their comments. Plain values only.

export interface WorkIssue {
  iid: number;
  title: string;
  description: string;
  state: 'opened' | 'closed';
  labels: string[];
  assignees: string[];
  author: string;
  milestone: { title: string } | null;
  webUrl: string;
  reference: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface WorkMergeRequest {
  title: string;
  state: string;
  labels: string[];
  author: string;
  milestone: { title: string } | null;
  webUrl: string;
  reference: string;
  mergedAt: string | null;
}

/** What GitLab holds for the update's scope: issues and MRs updated since the period began, and the quarter's KRs. */
export interface UpdateData {
  issues: WorkIssue[];
  mergeRequests: WorkMergeRequest[];
  keyResults: WorkIssue[];
}

export interface UpdateNote {
  id: number;
  body: string;
  author: string;
  createdAt: string;
  system: boolean;
  /** teamops' idempotency key, on the notes teamops wrote (reminders). */
  key?: string | null;
}

/** An issue labelled as an async update (or a summary that carries the label too). */
export interface UpdateIssue {
  iid: number;
  title: string;
  description: string;
  /** teamops' idempotency key, when teamops created the issue (a summary has one). */
  key: string | null;
  author: string;
  /** Who the update is assigned to, when read. */
  assignees?: string[];
  labels: string[];
  webUrl: string;
  reference: string;
  createdAt: string;
  /** Comments, when they are read too. */
  notes?: UpdateNote[];
}

/** The issue a rerun finds in place of creating it again. */
export interface ExistingIssue {
  title: string;
  reference: string;
  webUrl: string;
}

/** Issues and MRs in reference order, numbers compared as numbers (`d/o#2` before `d/o#10`). */
export const byReference = <T extends { reference: string }>(a: T, b: T) => a.reference.localeCompare(b.reference, 'en', { numeric: true });

/** What a check found: the value to go on with, or every problem at once under one summary line. */
export type Checked<T> = { ok: true; value: T } | { ok: false; summary: string; problems: string[] };
