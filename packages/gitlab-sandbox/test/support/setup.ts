import { afterAll, afterEach, beforeEach } from 'vitest';
import { installSandboxHooks } from '../../src/testing.js';
import { sandboxes } from './sandbox.js';

installSandboxHooks(sandboxes, { beforeEach, afterEach, afterAll });
