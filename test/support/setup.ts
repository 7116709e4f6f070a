import { installSandboxHooks } from '@teamops/gitlab-sandbox/testing';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { sandboxes } from './sandbox.js';

// Each test starts at the file's moment; a test that reached a route the sandbox does not emulate fails.
installSandboxHooks(sandboxes, { beforeEach, afterEach, afterAll });
