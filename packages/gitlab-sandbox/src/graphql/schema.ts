import { buildSchema, GraphQLError, GraphQLScalarType, Kind, type GraphQLSchema } from 'graphql';
import { GLOBAL_ID_TYPES, parseGlobalId } from './global-id.js';

// The part of GitLab's GraphQL schema (doc/api/graphql/reference, app/graphql/types) that the
// sandbox serves: the `project`/`group` issue connections, `issuesBulkUpdate` and `updateIssue`.
// Names, arguments, enum values and nullability are GitLab's; fields it does not serve are left out.

const SDL = /* GraphQL */ `
  "Time represented in ISO 8601."
  scalar Time
  "Date represented in ISO 8601 (YYYY-MM-DD)."
  scalar Date
  scalar IssueID
  scalar IssueParentID
  scalar ProjectID
  scalar GroupID
  scalar MilestoneID
  scalar LabelID
  scalar UserID

  type Query {
    "The currently authenticated GitLab user."
    currentUser: UserCore
    "Find a project."
    project(fullPath: ID!): Project
    "Find a group."
    group(fullPath: ID!): Group
    "Find an issue."
    issue(id: IssueID!): Issue
  }

  type Mutation {
    issuesBulkUpdate(input: IssuesBulkUpdateInput!): IssuesBulkUpdatePayload
    updateIssue(input: UpdateIssueInput!): UpdateIssuePayload
  }

  enum IssuableState {
    opened
    closed
    locked
    all
  }

  enum IssueState {
    opened
    closed
    locked
    all
  }

  enum IssueStateEvent {
    REOPEN
    CLOSE
  }

  enum IssuableSubscriptionEvent {
    SUBSCRIBE
    UNSUBSCRIBE
  }

  enum HealthStatus {
    onTrack
    needsAttention
    atRisk
  }

  enum MilestoneStateEnum {
    active
    closed
  }

  enum MilestoneWildcardId {
    NONE
    ANY
    STARTED
    UPCOMING
  }

  enum IssueSort {
    CREATED_DESC
    CREATED_ASC
    UPDATED_DESC
    UPDATED_ASC
    created_desc
    created_asc
    updated_desc
    updated_asc
    DUE_DATE_ASC
    DUE_DATE_DESC
    TITLE_ASC
    TITLE_DESC
  }

  enum IssuableSearchableField {
    TITLE
    DESCRIPTION
  }

  enum UserState {
    active
    blocked
    deactivated
    banned
  }

  input NegatedIssueFilterInput {
    iids: [String!]
    labelName: [String!]
    milestoneTitle: [String!]
    assigneeUsernames: [String!]
    authorUsername: [String!]
    milestoneWildcardId: MilestoneWildcardId
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
  }

  type UserCore {
    id: UserID!
    username: String!
    name: String!
    state: UserState!
    webUrl: String!
    webPath: String!
    avatarUrl: String
    publicEmail: String
  }

  type UserCoreEdge {
    cursor: String!
    node: UserCore
  }

  type UserCoreConnection {
    count: Int!
    edges: [UserCoreEdge]
    nodes: [UserCore]
    pageInfo: PageInfo!
  }

  type Label {
    id: LabelID!
    title: String!
    color: String!
    textColor: String!
    description: String
    createdAt: Time!
    updatedAt: Time!
  }

  type LabelEdge {
    cursor: String!
    node: Label
  }

  type LabelConnection {
    count: Int!
    edges: [LabelEdge]
    nodes: [Label]
    pageInfo: PageInfo!
  }

  type Milestone {
    id: MilestoneID!
    iid: ID!
    title: String!
    description: String
    state: MilestoneStateEnum!
    startDate: Time
    dueDate: Time
    expired: Boolean!
    upcoming: Boolean!
    webPath: String!
    createdAt: Time!
    updatedAt: Time!
    groupMilestone: Boolean!
    projectMilestone: Boolean!
  }

  type Issue {
    id: IssueID!
    iid: String!
    title: String!
    description: String
    state: IssueState!
    webUrl: String!
    webPath: String!
    reference(full: Boolean = false): String!
    createdAt: Time!
    updatedAt: Time!
    closedAt: Time
    dueDate: Time
    confidential: Boolean!
    projectId: Int!
    author: UserCore!
    milestone: Milestone
    labels(first: Int, after: String, last: Int, before: String): LabelConnection
    assignees(first: Int, after: String, last: Int, before: String): UserCoreConnection
    "Current health status. Null on tiers without health status."
    healthStatus: HealthStatus
    "Weight of the issue. Null on tiers without weights."
    weight: Int
    userNotesCount: Int!
  }

  type IssueEdge {
    cursor: String!
    node: Issue
  }

  type IssueConnection {
    count: Int!
    edges: [IssueEdge]
    nodes: [Issue]
    pageInfo: PageInfo!
  }

  type Project {
    id: ProjectID!
    fullPath: ID!
    name: String!
    path: String!
    webUrl: String
    group: Group
    issues(
      iid: String
      iids: [String!]
      state: IssuableState
      labelName: [String]
      milestoneTitle: [String]
      milestoneWildcardId: MilestoneWildcardId
      assigneeUsername: String
      assigneeUsernames: [String!]
      authorUsername: String
      search: String
      in: [IssuableSearchableField!]
      sort: IssueSort = created_desc
      createdBefore: Time
      createdAfter: Time
      updatedBefore: Time
      updatedAfter: Time
      confidential: Boolean
      not: NegatedIssueFilterInput
      first: Int
      after: String
      last: Int
      before: String
    ): IssueConnection
    labels(searchTerm: String, includeAncestorGroups: Boolean = false, first: Int, after: String): LabelConnection
  }

  type Group {
    id: GroupID!
    fullPath: ID!
    name: String!
    path: String!
    webUrl: String!
    parent: Group
    issues(
      iid: String
      iids: [String!]
      state: IssuableState
      labelName: [String]
      milestoneTitle: [String]
      milestoneWildcardId: MilestoneWildcardId
      assigneeUsername: String
      assigneeUsernames: [String!]
      authorUsername: String
      search: String
      in: [IssuableSearchableField!]
      sort: IssueSort = created_desc
      createdBefore: Time
      createdAfter: Time
      updatedBefore: Time
      updatedAfter: Time
      confidential: Boolean
      not: NegatedIssueFilterInput
      includeSubgroups: Boolean = false
      first: Int
      after: String
      last: Int
      before: String
    ): IssueConnection
    labels(searchTerm: String, includeAncestorGroups: Boolean = false, first: Int, after: String): LabelConnection
  }

  input IssuesBulkUpdateInput {
    clientMutationId: String
    parentId: IssueParentID!
    ids: [IssueID!]!
    assigneeIds: [UserID!]
    milestoneId: MilestoneID
    stateEvent: IssueStateEvent
    addLabelIds: [LabelID!]
    removeLabelIds: [LabelID!]
    subscriptionEvent: IssuableSubscriptionEvent
    healthStatus: HealthStatus
  }

  type IssuesBulkUpdatePayload {
    clientMutationId: String
    errors: [String!]!
    updatedIssueCount: Int
  }

  input UpdateIssueInput {
    clientMutationId: String
    projectPath: ID!
    iid: String!
    title: String
    description: String
    dueDate: Date
    confidential: Boolean
    locked: Boolean
    milestoneId: ID
    labelIds: [ID!]
    addLabelIds: [ID!]
    removeLabelIds: [ID!]
    stateEvent: IssueStateEvent
    healthStatus: HealthStatus
    weight: Int
  }

  type UpdateIssuePayload {
    clientMutationId: String
    errors: [String!]!
    issue: Issue
  }
`;

/** GitLab's GlobalIDType: `gid://gitlab/<Model>/<id>` strings naming one of the accepted models. */
function globalIdScalar(name: string, models: readonly string[]): GraphQLScalarType {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string' || !parseGlobalId(value)) throw new GraphQLError(`${JSON.stringify(value)} is not a valid Global ID`);
    const model = parseGlobalId(value)?.model ?? '';
    if (!models.includes(model)) throw new GraphQLError(`${JSON.stringify(value)} does not represent an instance of ${models[0] ?? name}`);
    return value;
  };
  return new GraphQLScalarType({
    name,
    serialize: (value) => value,
    parseValue: parse,
    parseLiteral: (node) => {
      if (node.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string`);
      return parse(node.value);
    },
  });
}

export function createSchema(): GraphQLSchema {
  const schema = buildSchema(SDL);
  const typeMap = schema.getTypeMap();
  for (const [name, models] of Object.entries(GLOBAL_ID_TYPES)) {
    const scalar = typeMap[name];
    if (scalar instanceof GraphQLScalarType) {
      const custom = globalIdScalar(name, models);
      scalar.parseValue = custom.parseValue;
      scalar.parseLiteral = custom.parseLiteral;
      scalar.serialize = custom.serialize;
    }
  }
  return schema;
}
