import type { Handler } from '../context.js';
import { Router } from '../router.js';
import { registerAwardEmojiRoutes } from './award-emoji.js';
import { registerDiscoveryRoutes } from './discovery.js';
import { registerDiscussionRoutes } from './discussions.js';
import { registerIssueEditRoutes } from './issue-edits.js';
import { registerIssueLinkRoutes } from './issue-links.js';
import { registerIssueMoveRoutes } from './issue-move.js';
import { registerIssueExtraRoutes } from './issue-extras.js';
import { registerIssueRoutes } from './issues.js';
import { registerLabelRoutes } from './labels.js';
import { registerMemberRoutes } from './members.js';
import { registerMergeRequestNoteRoutes } from './merge-request-notes.js';
import { registerMergeRequestRoutes } from './merge-requests.js';
import { registerMilestoneRoutes } from './milestones.js';
import { registerNoteRoutes } from './notes.js';
import { registerProjectRoutes } from './projects.js';
import { registerRepositoryRoutes } from './repository.js';
import { registerResourceEventRoutes } from './resource-events.js';
import { registerUserRoutes } from './users.js';

/** Every `/api/v4` route the sandbox serves. */
export function createApiRouter(): Router<Handler> {
  const router = new Router<Handler>();
  registerUserRoutes(router);
  registerProjectRoutes(router);
  registerMemberRoutes(router);
  registerLabelRoutes(router);
  registerMilestoneRoutes(router);
  registerIssueRoutes(router);
  registerNoteRoutes(router);
  registerIssueLinkRoutes(router);
  registerRepositoryRoutes(router);
  registerMergeRequestRoutes(router);
  registerResourceEventRoutes(router);
  registerIssueEditRoutes(router);
  registerDiscoveryRoutes(router);
  registerMergeRequestNoteRoutes(router);
  registerIssueExtraRoutes(router);
  registerDiscussionRoutes(router);
  registerIssueMoveRoutes(router);
  registerAwardEmojiRoutes(router);
  return router;
}
