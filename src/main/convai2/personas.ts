// Profiles for the wild evaluation's dialogs: four sentences each, written for Podium
// (synthetic, in the style of the ConvAI2 seed's example).
export const PERSONAS: readonly (readonly string[])[] = [
  ['i grow tomatoes on my balcony.', 'i work nights as a radio host.', 'my sister lives in lisbon.', 'i collect old maps.'],
  ['i am training for my first marathon.', 'i teach chemistry at a high school.', 'i have two rescue dogs.', 'i never drink coffee.'],
  [
    'i repair bicycles for a living.',
    'i moved here from a small fishing town.',
    'i play the cello badly.',
    'my favourite food is dumplings.'
  ],
  ['i am a nurse in a children hospital.', 'i love horror movies.', 'i speak three languages.', 'i am afraid of deep water.'],
  [
    'i build furniture out of old doors.',
    'i have never left my home country.',
    'i read a book every week.',
    'my grandmother taught me to knit.'
  ],
  ['i drive a delivery truck.', 'i am saving money for a sailboat.', 'i listen to jazz while i cook.', 'i have a pet tortoise named gus.'],
  ['i study astronomy at night school.', 'i work in a bakery before sunrise.', 'i have four younger brothers.', 'i hate the cold.'],
  ['i am a retired firefighter.', 'i volunteer at the animal shelter.', 'i make my own hot sauce.', 'i watch every football match.'],
  ['i paint portraits of strangers.', 'i live on a houseboat.', 'i am learning to play chess.', 'my best friend is a librarian.'],
  ['i write software for weather stations.', 'i climb mountains in the summer.', 'i grew up on a dairy farm.', 'i am allergic to cats.'],
  ['i sing in a church choir.', 'i sell vintage records online.', 'i have a garden full of roses.', 'i am terrible at cooking.'],
  ['i just finished law school.', 'i run a small podcast about history.', 'i keep bees in my backyard.', 'i prefer tea to anything else.']
]
