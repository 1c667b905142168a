// The demo catalog's vocabulary: a category tree whose leaves know what they sell, and brands.

export interface LeafCategory {
  slug: string;
  name: string;
  /** Product types sold here, with a price range in cents. */
  /** What it sells: a plural noun ("Hiking Boots") says so, so the product copy agrees with it. */
  items: Array<{ noun: string; min: number; max: number; plural?: true }>;
  /** What its products are made of, and what they are for: the product copy says both. */
  materials: string[];
  purpose: string;
  /** Variant options: sizes and/or colours a product of this category comes in. */
  sizes?: string[];
  colours?: string[];
}

export interface CategoryNode {
  slug: string;
  name: string;
  children: Array<CategoryNode | LeafCategory>;
}

const APPAREL_SIZES = ["XS", "S", "M", "L", "XL"];
const SHOE_SIZES = ["38", "39", "40", "41", "42", "43", "44", "45"];
const COLOURS = ["Black", "White", "Navy", "Olive", "Sand", "Burgundy", "Grey", "Sky Blue"];

export const CATEGORY_TREE: CategoryNode[] = [
  {
    slug: "clothing",
    name: "Clothing",
    children: [
      {
        slug: "tops",
        name: "Tops",
        children: [
          {
            slug: "t-shirts",
            name: "T-Shirts",
            materials: ["Organic Cotton", "Cotton", "Linen", "Merino Wool"],
            purpose: "everyday wear",
            items: [
              { noun: "T-Shirt", min: 1500, max: 4500 },
              { noun: "Tee", min: 1200, max: 3500 },
            ],
            sizes: APPAREL_SIZES,
            colours: COLOURS,
          },
          {
            slug: "shirts",
            name: "Shirts",
            materials: ["Cotton", "Linen", "Brushed Flannel"],
            purpose: "work and weekends",
            items: [
              { noun: "Oxford Shirt", min: 3900, max: 8900 },
              { noun: "Flannel Shirt", min: 3500, max: 7900 },
            ],
            sizes: APPAREL_SIZES,
            colours: COLOURS,
          },
          {
            slug: "sweaters",
            name: "Sweaters",
            materials: ["Merino Wool", "Lambswool", "Cotton", "Cashmere Blend"],
            purpose: "cold days",
            items: [
              { noun: "Sweater", min: 4900, max: 14900 },
              { noun: "Cardigan", min: 5900, max: 13900 },
            ],
            sizes: APPAREL_SIZES,
            colours: COLOURS,
          },
        ],
      },
      {
        slug: "outerwear",
        name: "Outerwear",
        children: [
          {
            slug: "jackets",
            name: "Jackets",
            materials: ["Recycled Nylon", "Waxed Cotton", "Ripstop Polyester"],
            purpose: "wind and rain",
            items: [
              { noun: "Rain Jacket", min: 8900, max: 24900 },
              { noun: "Down Jacket", min: 12900, max: 39900 },
            ],
            sizes: APPAREL_SIZES,
            colours: COLOURS,
          },
          {
            slug: "hoodies",
            name: "Hoodies",
            materials: ["Organic Cotton", "Cotton Fleece", "Recycled Polyester"],
            purpose: "lounging and layering",
            items: [
              { noun: "Hoodie", min: 4500, max: 9900 },
              { noun: "Zip Hoodie", min: 4900, max: 10900 },
            ],
            sizes: APPAREL_SIZES,
            colours: COLOURS,
          },
        ],
      },
      {
        slug: "socks",
        name: "Socks",
        materials: ["Merino Wool", "Cotton", "Bamboo"],
        purpose: "all-day comfort",
        items: [
          { noun: "Wool Socks", min: 900, max: 2900, plural: true },
          { noun: "Running Socks", min: 1100, max: 2400, plural: true },
        ],
        sizes: ["S", "M", "L"],
      },
    ],
  },
  {
    slug: "shoes",
    name: "Shoes",
    children: [
      {
        slug: "running-shoes",
        name: "Running Shoes",
        materials: ["Engineered Mesh", "Recycled Knit"],
        purpose: "road and trail miles",
        items: [
          { noun: "Running Shoes", min: 7900, max: 21900, plural: true },
          { noun: "Trail Runners", min: 8900, max: 19900, plural: true },
        ],
        sizes: SHOE_SIZES,
      },
      {
        slug: "sneakers",
        name: "Sneakers",
        materials: ["Leather", "Canvas", "Suede"],
        purpose: "city streets",
        items: [
          { noun: "Sneakers", min: 5900, max: 15900, plural: true },
          { noun: "High-Tops", min: 6900, max: 16900, plural: true },
        ],
        sizes: SHOE_SIZES,
      },
      {
        slug: "boots",
        name: "Boots",
        materials: ["Full-Grain Leather", "Suede", "Waterproof Nubuck"],
        purpose: "rough ground and wet weather",
        items: [
          { noun: "Hiking Boots", min: 11900, max: 27900, plural: true },
          { noun: "Chelsea Boots", min: 12900, max: 29900, plural: true },
        ],
        sizes: SHOE_SIZES,
      },
    ],
  },
  {
    slug: "electronics",
    name: "Electronics",
    children: [
      {
        slug: "audio",
        name: "Audio",
        children: [
          {
            slug: "headphones",
            name: "Headphones",
            materials: ["Aluminium", "Recycled Plastic", "Stainless Steel"],
            purpose: "music and calls",
            items: [
              { noun: "Wireless Headphones", min: 4900, max: 39900, plural: true },
              { noun: "Noise-Cancelling Headphones", min: 9900, max: 44900, plural: true },
            ],
            colours: ["Black", "White", "Silver"],
          },
          {
            slug: "earbuds",
            name: "Earbuds",
            materials: ["Recycled Plastic", "Aluminium"],
            purpose: "workouts and commutes",
            items: [
              { noun: "Wireless Earbuds", min: 2900, max: 24900, plural: true },
              { noun: "Sport Earbuds", min: 3900, max: 17900, plural: true },
            ],
            colours: ["Black", "White"],
          },
          {
            slug: "speakers",
            name: "Speakers",
            materials: ["Aluminium", "Recycled Fabric", "Oak"],
            purpose: "any room",
            items: [
              { noun: "Bluetooth Speaker", min: 2900, max: 29900 },
              { noun: "Smart Speaker", min: 4900, max: 34900 },
            ],
            colours: ["Black", "Grey", "Sand"],
          },
        ],
      },
      {
        slug: "chargers",
        name: "Chargers & Cables",
        materials: ["Braided Nylon", "Aluminium", "Recycled Plastic"],
        purpose: "charging on the go",
        items: [
          { noun: "USB-C Charger", min: 1500, max: 6900 },
          { noun: "Charging Cable", min: 900, max: 2900 },
          { noun: "Power Bank", min: 2500, max: 8900 },
        ],
      },
      {
        slug: "smartwatches",
        name: "Smartwatches",
        materials: ["Aluminium", "Stainless Steel", "Titanium"],
        purpose: "training and everyday tracking",
        items: [
          { noun: "Smartwatch", min: 9900, max: 49900 },
          { noun: "Fitness Tracker", min: 3900, max: 14900 },
        ],
        colours: ["Black", "Silver", "Rose"],
      },
    ],
  },
  {
    slug: "home",
    name: "Home & Kitchen",
    children: [
      {
        slug: "cookware",
        name: "Cookware",
        materials: ["Stainless Steel", "Cast Iron", "Carbon Steel"],
        purpose: "the everyday kitchen",
        items: [
          { noun: "Frying Pan", min: 2900, max: 14900 },
          { noun: "Dutch Oven", min: 6900, max: 29900 },
          { noun: "Chef's Knife", min: 3900, max: 19900 },
        ],
      },
      {
        slug: "coffee",
        name: "Coffee & Tea",
        materials: ["Ceramic", "Stainless Steel", "Borosilicate Glass"],
        purpose: "the morning cup",
        items: [
          { noun: "Coffee Grinder", min: 3900, max: 24900 },
          { noun: "French Press", min: 1900, max: 5900 },
          { noun: "Coffee Mug", min: 900, max: 2900 },
        ],
        colours: ["Black", "White", "Sage"],
      },
      {
        slug: "lighting",
        name: "Lighting",
        materials: ["Steel", "Oak", "Linen"],
        purpose: "reading and working",
        items: [
          { noun: "Desk Lamp", min: 2900, max: 15900 },
          { noun: "Floor Lamp", min: 6900, max: 29900 },
        ],
      },
      {
        slug: "bedding",
        name: "Bedding",
        materials: ["Linen", "Organic Cotton", "Bamboo"],
        purpose: "restful nights",
        items: [
          { noun: "Duvet Cover", min: 4900, max: 19900 },
          { noun: "Pillow", min: 1900, max: 8900 },
        ],
        sizes: ["Single", "Double", "King"],
      },
    ],
  },
  {
    slug: "outdoors",
    name: "Outdoors",
    children: [
      {
        slug: "backpacks",
        name: "Backpacks",
        materials: ["Recycled Nylon", "Waxed Canvas", "Cordura"],
        purpose: "day hikes and travel",
        items: [
          { noun: "Hiking Backpack", min: 5900, max: 24900 },
          { noun: "Daypack", min: 3900, max: 11900 },
        ],
        colours: ["Black", "Olive", "Orange"],
      },
      {
        slug: "camping",
        name: "Camping",
        materials: ["Ripstop Nylon", "Aluminium", "Recycled Polyester"],
        purpose: "nights outdoors",
        items: [
          { noun: "Tent", min: 9900, max: 59900 },
          { noun: "Sleeping Bag", min: 5900, max: 29900 },
          { noun: "Camp Stove", min: 3900, max: 14900 },
        ],
      },
      {
        slug: "bottles",
        name: "Water Bottles",
        materials: ["Stainless Steel", "Recycled Plastic"],
        purpose: "drinks on the move",
        items: [
          { noun: "Water Bottle", min: 1500, max: 4900 },
          { noun: "Insulated Flask", min: 2500, max: 5900 },
        ],
        colours: ["Steel", "Black", "Forest", "Coral"],
      },
    ],
  },
  {
    slug: "stationery",
    name: "Stationery",
    children: [
      {
        slug: "notebooks",
        name: "Notebooks",
        materials: ["Recycled Paper", "Acid-Free Paper", "Linen-Bound Paper"],
        purpose: "notes and sketches",
        items: [
          { noun: "Notebook", min: 900, max: 3900 },
          { noun: "Journal", min: 1500, max: 4900 },
        ],
        colours: ["Black", "Blue", "Red"],
      },
      {
        slug: "pens",
        name: "Pens",
        materials: ["Brass", "Aluminium", "Resin"],
        purpose: "everyday writing",
        items: [
          { noun: "Fountain Pen", min: 2500, max: 19900 },
          { noun: "Gel Pen Set", min: 900, max: 2900 },
        ],
      },
    ],
  },
];

export const BRANDS = [
  "Northwind",
  "Alder & Pine",
  "Kestrel",
  "Lumen",
  "Fjordline",
  "Granite Co.",
  "Halcyon",
  "Ironbark",
  "Juniper",
  "Kinfolk",
  "Larkspur",
  "Meridian",
  "Nimbus",
  "Oakhaven",
  "Pellucid",
  "Quarry",
  "Ridgeway",
  "Solstice",
  "Tidewater",
  "Umbra",
  "Vantage",
  "Wildmere",
  "Yarrow",
  "Zephyr",
  "Basalt",
  "Cobalt",
  "Driftwood",
  "Ember",
  "Foxglove",
  "Glacier",
  "Harbor",
  "Inkwell",
  "Jetstream",
  "Kiln",
  "Loom",
  "Mosswood",
  "Nettle",
  "Orchard",
  "Prism",
  "Sonder",
];

export const ADJECTIVES = [
  "Classic",
  "Everyday",
  "Trail",
  "Studio",
  "Compact",
  "Heritage",
  "Urban",
  "Summit",
  "Coastal",
  "Nordic",
  "Featherweight",
  "Rugged",
  "Essential",
  "Pro",
  "Signature",
  "Weekend",
  "Alpine",
  "Minimal",
  "Voyager",
  "Canyon",
];
