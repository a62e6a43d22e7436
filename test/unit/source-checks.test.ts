// The two machine checks of sources, case by case: is a source dated before an event (dates
// of any precision), and does an address's host name the source's publisher.
import { describe, expect, it } from 'vitest';
import { hostNamesPublisher, isBefore } from '../../src/content/references.js';

describe('a source dated before an event', () => {
  it.each([
    ['2018-06', '2018-10-01', true],
    ['2023-10-02', '2023-10-08', true],
    ['2022', '2023-01', true],
    ['2023-05', '2023-05-15', false],
    ['2023-05-16', '2023-05', false],
    ['2023', '2023-10', false],
    ['2023-05-15', '2023-05-15', false],
    ['2023-10', '2023-09-30', false],
  ])('%s before %s: %s', (source, event, before) => {
    expect(isBefore(source, event)).toBe(before);
  });
});

describe('a host that names its publisher', () => {
  it.each([
    ['www.iom.int', 'International Organization for Migration', true],
    ['croatia.iom.int', 'International Organization for Migration', true],
    ['www.dw.com', 'Deutsche Welle', true],
    ['www.cmjornal.pt', 'Correio da Manhã', true],
    ['geneva.usmission.gov', 'U.S. Mission Geneva', true],
    ['cn.weforum.org', 'World Economic Forum', true],
    ['theafricareport.com', 'The Africa Report', true],
    ['studylib.net', 'International Organization for Migration (copy on Studylib)', false],
    ['360.lexisnexis.at', 'Austrian Federal Law Gazette (BGBl. III Nr. 2/2023)', false],
    ['www.journal-news.com', 'Associated Press', false],
  ])('%s for %s: %s', (host, publisher, names) => {
    expect(hostNamesPublisher(host, [publisher])).toBe(names);
  });

  it('a label can name the site when the publisher does not', () => {
    expect(hostNamesPublisher('www.srf.ch', ['Schweizer Radio und Fernsehen'])).toBe(false);
    expect(hostNamesPublisher('www.srf.ch', ['Schweizer Radio und Fernsehen', 'SRF'])).toBe(true);
  });
});
