// Every step of a rotation carries a stable key, so that a rerun after any interruption finishes the
// job instead of repeating it; a substitute's issue also records whose turn in the roster it was.
import type { IsoDate } from '../shared/calendar.js';

export function driIssueKey(project: string, weekStart: IsoDate): string {
  return `dri-rotation/${project}/${weekStart}`;
}

/** The text GitLab's description search finds every rotation issue of a project by. */
export function driIssueKeyPrefix(project: string): string {
  return `dri-rotation/${project}/`;
}

export function handoverNoteKey(project: string, weekStart: IsoDate): string {
  return `dri-handover/${project}/${weekStart}`;
}

export function handoverLinkKey(project: string, weekStart: IsoDate, reference: string): string {
  return `dri-link/${project}/${weekStart}/${reference}`;
}

export function closeIssueKey(project: string, weekStart: IsoDate): string {
  return `dri-close/${project}/${weekStart}`;
}

const ROTATION_MEMBER = /<!--\s*teamops:dri-rotation-member=([^\s>]+)\s*-->/;

export function rotationMemberMarker(username: string): string {
  return `<!-- teamops:dri-rotation-member=${username} -->`;
}

/** Whose turn it was, by the marker a rotation issue carries, or null for an issue without one. */
export function readRotationMember(description: string): string | null {
  return ROTATION_MEMBER.exec(description)?.[1] ?? null;
}
