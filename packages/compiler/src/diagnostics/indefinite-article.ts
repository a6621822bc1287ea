// Words that start with a vowel letter but a consonant sound ("a user", "a one-off"), and the
// reverse ("an hour", "an honest"); enough for labels people write, not a full English rule.
const CONSONANT_SOUND = /^(u[bcfhjkmnrst][aeiou]|uni|use|usu|ute|eu|one|once|ubiq)/i;
const VOWEL_SOUND = /^(hour|honest|honou?r|heir)/i;

/** `phrase` with "a" or "an" before it, for messages built from users' labels: "an Outside collaborator set". */
export function withArticle(phrase: string): string {
  const vowel = (/^[aeiou]/i.test(phrase) && !CONSONANT_SOUND.test(phrase)) || VOWEL_SOUND.test(phrase);
  return `${vowel ? 'an' : 'a'} ${phrase}`;
}
