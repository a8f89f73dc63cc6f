/**
 * Common first names in Sweden, Norway, Denmark and Finland: one before a capitalised word is
 * taken for a person's name in free text. And the phrases that look like a person's name but
 * are not a person: places, companies and foundations named after people, words that are also
 * first names. A phrase is allowed only where it stands whole.
 */

export const FIRST_NAMES: ReadonlySet<string> = new Set(
  [
    "Adam Agnes Agneta Albin Alexander Alf Alfred Alice Allan Alma Amanda Anders Andreas Anette",
    "Anita Ann Ann-Christin Ann-Sofie Anna Anne Anne-Marie Anneli Annika Anton Arild Arne Arvid",
    "Astrid Axel Barbro Bengt Benny Bente Berit Bertil Birgit Birgitta Birthe Björn Bjørn Bo Britt",
    "Britta Camilla Carin Carina Carl Caroline Cecilia Charlotte Christer Christian Christina",
    "Christine Claes Dag Daniel David Dennis Ebba Edvin Elin Elisabet Elisabeth Ella Ellen Elsa",
    "Emelie Emil Emma Erik Erika Eva Eva-Lena Evelina Felix Filip Fredrik Frida Gabriel Geir Gerd",
    "Gert Gun Gunilla Gunnar Gustaf Gustav Göran Hampus Hanna Hannah Hanne Hans Harald Heikki Helen",
    "Helena Helene Henning Henrik Hugo Håkan Ida Inga Inger Ingrid Irene Isak Jacob Jakob Jan",
    "Jan-Erik Jane Jenny Jens Jesper Jessica Joakim Johan Johanna Johannes John Jonas Jonatan",
    "Josefin Jukka Julia Jörgen Jørgen Kaj Kalle Kari Karin Karl Karl-Erik Kasper Katarina Kent",
    "Kerstin Kim Kirsten Kjell Klara Knut Kristian Kristina Kristoffer Lars Lars-Erik Lasse Leif",
    "Lena Lennart Linda Linnea Linnéa Lisa Lise Liv Louise Lovisa Ludvig Mads Magnus Maja Malin",
    "Margareta Maria Marianne Marie Marit Markus Martin Mathias Mats Matti Mattias Max Mette Michael",
    "Mikael Mikko Mona Monica Monika Morten Niels Niklas Nils Nina Odd Ole Oliver Olle Olli Olof",
    "Oskar Ove Pekka Per Per-Olof Peter Petra Pia Poul Päivi Ragnhild Rasmus Rebecka Riitta Robert",
    "Roger Rolf Rune Sara Sari Sebastian Sigrid Simon Siv Sofia Sofie Solveig Stefan Sten Stig",
    "Susanne Svante Sven Søren Terje Thomas Tiina Timo Tobias Tomas Tommy Tor Torbjörn Tove Trond",
    "Ulf Ulla Ulrika Urban Valter Vera Veronica Viktor Viktoria Vilhelm Wilhelm Åke Åsa Øystein",
  ]
    .join(" ")
    .split(" "),
)

export const NOT_PEOPLE: ReadonlyArray<string> = [
  // Places and gardens named after the author ("Astrid Lindgrens Näs", "… Trädgårdar", "… Värld").
  "Astrid Lindgrens",
  // A research laboratory in Lund.
  "Max IV",
  // English words that are also Swedish first names.
  "Urban Transition",
  "Urban Futures",
  // Companies and an institute named after people.
  "Kristian Larsson Buss",
  "Herbert Felix",
  "Santa Anna IT",
]

/**
 * Words that begin the name of an organisation or a place, not a person: a capitalised phrase
 * after a verb of speech or a title that starts with one ("säger Region Västerbotten") is not a
 * person's name.
 */
export const ORGANISATION_WORDS: ReadonlySet<string> = new Set(
  [
    "Region Regionen Landstinget Länsstyrelsen Kommunen Kommun Staden Stiftelsen Föreningen Förbundet",
    "Projektet Universitetet Universitet Högskolan Styrelsen Styrkommittén Nämnden Rådet Institutet",
    "Tillväxtverket Verket Myndigheten Företaget Bolaget Koncernen Gruppen Partnerskapet Sekretariatet",
    "Kommune Regionsrådet Amt Fylkeskommune Landskapsregeringen",
  ]
    .join(" ")
    .split(" "),
)
