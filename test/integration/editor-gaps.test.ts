// Small gaps in the editor's loop: the candidates' address, sections of generated pages that
// links may point at, and what those sections are.
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedSections } from '../../src/content/sections.js';
import { appFor } from '../support/app.js';
import { cleanUp, copySite, shippedContent } from '../support/fixtures.js';

afterAll(cleanUp);

describe('/:election/candidates', () => {
  it("answers 301 to the overview's list of candidates, keeping the query before the fragment", async () => {
    const { app } = await appFor(shippedContent);
    await request(app)
      .get('/iom-dg-2023/candidates')
      .expect(301)
      .expect('Location', '/iom-dg-2023/#candidates');
    await request(app)
      .get('/iom-dg-2023/candidates/?ref=share')
      .expect(301)
      .expect('Location', '/iom-dg-2023/?ref=share#candidates');
    const overview = await request(app).get('/iom-dg-2023/').expect(200);
    expect(overview.text).toContain('<section id="candidates" aria-labelledby="candidates-title">');
  });

  it('is a valid link target in content', async () => {
    const dir = await copySite();
    const { app } = await appFor(dir);
    await request(app)
      .get('/sample-2024/candidates')
      .expect(301)
      .expect('Location', '/sample-2024/#candidates');
  });
});

describe('sections of generated pages', () => {
  it('are exactly ids the rendered pages have', async () => {
    const { app, holder } = await appFor(shippedContent);
    for (const election of holder.current.elections) {
      const sections = generatedSections(election);
      expect(sections.results).toContain('round-1');
      const results = await request(app).get(`/${election.slug}/results`).expect(200);
      for (const id of sections.results) expect(results.text).toContain(`id="${id}"`);
      const timeline = await request(app).get(`/${election.slug}/timeline`).expect(200);
      for (const id of sections.timeline) expect(timeline.text).toContain(`id="${id}"`);
    }
  });
});
