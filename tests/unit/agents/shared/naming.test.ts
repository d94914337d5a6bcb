import { describe, expect, it } from 'vitest';
import {
  camelCase,
  humanize,
  kebabCase,
  pascalCase,
  pluralize,
  quote,
  toLocalName,
  toPropertyAccess,
  toWords,
} from '../../../../agents/shared/naming.js';

describe('naming helpers', () => {
  it.each([
    ['Task', 'Tasks'],
    ['Category', 'Categories'],
    ['Day', 'Days'],
    ['Box', 'Boxes'],
    ['Address', 'Addresses'],
    ['Match', 'Matches'],
    ['Person', 'People'],
    ['TeamMember', 'TeamMembers'],
    ['OrderStatus', 'OrderStatuses'],
    ['ChildPerson', 'ChildPeople'],
  ])('pluralize(%s) = %s', (word, plural) => {
    expect(pluralize(word)).toBe(plural);
  });

  it.each([
    ['TaskItem', ['task', 'item'], 'TaskItem', 'taskItem', 'task-item'],
    ['task_item', ['task', 'item'], 'TaskItem', 'taskItem', 'task-item'],
    ['HTTPServer', ['http', 'server'], 'HttpServer', 'httpServer', 'http-server'],
    ['dueDate', ['due', 'date'], 'DueDate', 'dueDate', 'due-date'],
  ])('%s splits into words and cases', (text, words, pascal, camel, kebab) => {
    expect(toWords(text)).toEqual(words);
    expect(pascalCase(text)).toBe(pascal);
    expect(camelCase(text)).toBe(camel);
    expect(kebabCase(text)).toBe(kebab);
  });

  it.each([
    ['dueDate', 'Due date'],
    ['name', 'Name'],
  ])('humanize(%s) = %s', (text, label) => {
    expect(humanize(text)).toBe(label);
  });

  it.each([
    ['title', 'title'],
    ['default', 'defaultValue'],
    ['class', 'classValue'],
    ['await', 'awaitValue'],
  ])('toLocalName(%s) = %s', (name, local) => {
    expect(toLocalName(name)).toBe(local);
  });

  it('writes property access and string literals safely', () => {
    expect(toPropertyAccess('item', 'title')).toBe('item.title');
    expect(toPropertyAccess('item', 'due-date')).toBe('item["due-date"]');
    expect(quote("it's\\ok\n")).toBe("'it\\'s\\\\ok\\n'");
  });
});
