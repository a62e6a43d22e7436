import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import path from 'node:path';
import { defaultContentDir } from '../../src/paths.js';

describe('the interface the server binds', () => {
  it('is this machine only in dev, whose pages show excerpts of content files', () => {
    expect(readConfig({ NODE_ENV: 'development' }).host).toBe('127.0.0.1');
  });

  it('is every interface in production, and HOST wins in both', () => {
    expect(readConfig({}).host).toBe('0.0.0.0');
    expect(readConfig({ NODE_ENV: 'development', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(readConfig({ HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });
});

describe('the load budget', () => {
  it('is 5 s per file unless LOAD_BUDGET_MS says otherwise', () => {
    expect(readConfig({}).loadBudgetMs).toBe(5000);
    expect(readConfig({ LOAD_BUDGET_MS: '1500' }).loadBudgetMs).toBe(1500);
    expect(() => readConfig({ LOAD_BUDGET_MS: 'soon' })).toThrow(
      'LOAD_BUDGET_MS must be a whole number of milliseconds, at least 100; found "soon".',
    );
  });
});

describe('the content folder', () => {
  it('is the shipped one unless CONTENT_DIR says otherwise', () => {
    expect(readConfig({}).contentDir).toBe(defaultContentDir);
  });

  it('is found from the folder the command was typed in (npm runs scripts from the project folder)', () => {
    expect(readConfig({ CONTENT_DIR: 'site', INIT_CWD: '/srv/elections' }).contentDir).toBe(
      '/srv/elections/site',
    );
    expect(readConfig({ CONTENT_DIR: '/data/site', INIT_CWD: '/srv' }).contentDir).toBe(
      '/data/site',
    );
    expect(readConfig({ CONTENT_DIR: 'site' }).contentDir).toBe(path.resolve('site'));
  });
});
