/**
 * Notes are `<pointer>: <message>`. A large blueprint repeats the same message
 * at many places (Stripe passes its `expand` parameter through as text in 150
 * operations), and 150 identical lines bury the one that matters: the same
 * message is printed once, at its first place, with the count of the others.
 */
export function groupNotes(notes: readonly string[]): string[] {
  const byMessage = new Map<string, { first: string; more: number }>();
  for (const note of notes) {
    // Pointers are JSON-pointer escaped, so the first ': ' ends them in all but hostile path keys,
    // where a wrong split only makes the grouping coarser; the text printed is unchanged.
    const split = note.indexOf(': ');
    const message = split < 0 ? note : note.slice(split + 2);
    const group = byMessage.get(message);
    if (group) group.more++;
    else byMessage.set(message, { first: split < 0 ? '' : note.slice(0, split), more: 0 });
  }
  return [...byMessage].map(([message, { first, more }]) => {
    const place = more === 0 ? first : `${first} (and ${more} more ${more === 1 ? 'place' : 'places'})`;
    return place === '' ? message : `${place}: ${message}`;
  });
}
