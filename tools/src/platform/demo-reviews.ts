// The demo catalog's written reviews: a few per product, brought over from the platform the demo shop
// "came from" (no account, not verified purchases). Their stars are drawn from the product's
// generated ratings, which they are then part of: imported ratings + these = the generated figures.

export interface DemoReview {
  stars: number;
  title: string;
  text: string;
  author: string;
  createdAt: Date;
}

export interface ReviewedThing {
  /** "rain jacket", "hiking boots" */
  noun: string;
  plural: boolean;
  material: string;
  purpose: string;
  brand: string;
  sized: boolean;
  createdAt: Date;
}

const FIRST_NAMES = [
  "Sam",
  "Alex",
  "Priya",
  "Jordan",
  "Maria",
  "Chen",
  "Fatima",
  "Liam",
  "Noor",
  "Elena",
  "Tomás",
  "Aisha",
  "Kofi",
  "Hannah",
  "Yuki",
  "Mateo",
  "Grace",
  "Oskar",
  "Leila",
  "Ben",
];
const INITIALS = "ABCDEFGHJKLMNOPRSTVW";
/** Reviews are dated no later than this, so the same catalog always has the same reviews. */
const LAST_REVIEW_AT = Date.UTC(2026, 10, 1);

const TITLES: Record<number, string[]> = {
  5: ["Exactly what I hoped for", "Worth every penny", "Love it", "Better than expected", "Excellent quality", "Would buy again"],
  4: ["Very good, one small gripe", "Solid choice", "Happy with it", "Good value", "Does the job well", "Nearly perfect"],
  3: ["It's fine", "Decent but not special", "Mixed feelings", "Okay for the price", "Does what it says", "Average"],
  2: ["Not what I expected", "Disappointing", "Wouldn't buy again", "Falls short", "Looks better in the pictures"],
  1: ["Very disappointed", "Fell apart quickly", "Not worth it", "Sent it back", "Poor quality"],
};

type Say = (t: ReviewedThing) => string;
const it = (t: ReviewedThing) => (t.plural ? "they" : "it");
const is = (t: ReviewedThing) => (t.plural ? "are" : "is");
const has = (t: ReviewedThing) => (t.plural ? "have" : "has");
const feels = (t: ReviewedThing) => (t.plural ? "feel" : "feels");
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

const OPENINGS: Record<number, Say[]> = {
  5: [
    (t) => `I bought the ${t.noun} for ${t.purpose} and ${it(t)} ${has(t)} been excellent from day one.`,
    (t) => `This is my second purchase from ${t.brand} and ${it(t)} did not disappoint.`,
    (t) => `I wasn't sure about ordering the ${t.noun} online, but I'm really glad I did.`,
  ],
  4: [
    (t) => `I've used the ${t.noun} for ${t.purpose} for a few weeks now and I'm mostly very happy.`,
    (t) => `Good ${t.noun} overall; ${it(t)} ${is(t)} well made and looks just like the photos.`,
    (t) => `A solid buy from ${t.brand}, with only one small thing I'd change.`,
  ],
  3: [
    (t) => `The ${t.noun} ${is(t)} fine for ${t.purpose}, but nothing special.`,
    (t) => `I have mixed feelings about the ${t.noun}.`,
    (t) => `${cap(it(t))} ${is(t)} okay for the price, though I expected a little more from ${t.brand}.`,
  ],
  2: [
    (t) => `I had high hopes for the ${t.noun}, but ${it(t)} didn't live up to them.`,
    (t) => `The ${t.noun} looked great in the pictures, less so in person.`,
    (t) => `Unfortunately the ${t.noun} ${is(t)} not right for ${t.purpose}.`,
  ],
  1: [
    (t) => `I'm very disappointed with the ${t.noun}.`,
    (t) => `I returned the ${t.noun} after less than a month.`,
    (t) => `I can't recommend the ${t.noun}, sadly.`,
  ],
};

const DETAILS: Record<"good" | "mixed" | "bad", Say[]> = {
  good: [
    (t) => `The ${t.material.toLowerCase()} ${feels(t)} sturdy and comfortable.`,
    (t) => `${cap(it(t))} arrived quickly and well packed.`,
    (t) => (t.sized ? "The size guide was accurate, so the fit is just right." : `${cap(it(t))} ${is(t)} easy to look after.`),
    () => "The colour is exactly as shown.",
    (t) => `After several weeks of use ${it(t)} still ${t.plural ? "look" : "looks"} new.`,
  ],
  mixed: [
    (t) => `The ${t.material.toLowerCase()} is nice, but the finish could be better.`,
    (t) => (t.sized ? "The fit runs slightly small, so consider a size up." : `${cap(it(t))} ${is(t)} a bit heavier than I expected.`),
    () => "Delivery took longer than the estimate.",
    () => "The colour is a little darker than in the photos.",
  ],
  bad: [
    (t) => `The ${t.material.toLowerCase()} started to wear after only a few uses.`,
    (t) => (t.sized ? "The sizing was way off, even after checking the guide." : `${cap(it(t))} ${is(t)} much flimsier than described.`),
    () => "The stitching came loose within a week.",
    () => "It arrived with a mark on it, and the replacement was no better.",
  ],
};

const CLOSINGS: Record<number, string[]> = {
  5: ["Highly recommended.", "I'd happily buy it again.", "Great value for the quality."],
  4: ["Recommended, with that small caveat.", "Good value overall.", "I'd buy from this brand again."],
  3: ["It does the job.", "Fine if you find it on sale.", "Not bad, not great."],
  2: ["I expected better for the price.", "I'll look elsewhere next time."],
  1: ["Save your money.", "I wouldn't buy it again."],
};

/** A few reviews for one product, drawn with the product's own random stream; takes their stars out of `ratings`. */
export function demoReviews(thing: ReviewedThing, ratings: number[], next: () => number): DemoReview[] {
  const total = ratings.reduce((a, b) => a + b, 0);
  // Most products have a few; some have enough to page through (five to a page).
  const count = Math.min(total, Math.floor(next() ** 2 * 9));
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
  const reviews: DemoReview[] = [];
  for (let i = 0; i < count; i++) {
    // A star level in proportion to the ratings still left.
    let roll = Math.floor(next() * ratings.reduce((a, b) => a + b, 0));
    let stars = 1;
    while (roll >= ratings[stars - 1]!) roll -= ratings[stars++ - 1]!;
    ratings[stars - 1]!--;
    const tone = stars >= 4 ? "good" : stars === 3 ? "mixed" : "bad";
    const details = [pick(DETAILS[tone]), ...(stars === 4 ? [pick(DETAILS.mixed)] : next() < 0.5 ? [pick(DETAILS[tone])] : [])];
    const sentences = [pick(OPENINGS[stars]!)(thing), ...new Set(details.map((say) => say(thing))), pick(CLOSINGS[stars]!)];
    const after = thing.createdAt.getTime() + (3 + Math.floor(next() * 400)) * 86_400_000;
    reviews.push({
      stars,
      title: pick(TITLES[stars]!),
      text: sentences.join(" "),
      author: `${pick(FIRST_NAMES)} ${INITIALS[Math.floor(next() * INITIALS.length)]}.`,
      createdAt: new Date(Math.min(after, LAST_REVIEW_AT - i * 86_400_000)),
    });
  }
  return reviews;
}
