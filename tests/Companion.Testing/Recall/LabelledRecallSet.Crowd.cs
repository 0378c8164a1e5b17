using System.Globalization;
using System.Text.RegularExpressions;

namespace Companion.Testing.Recall;

/// <summary>
/// The labelled set at a real history's size: thousands of generated messages around the same
/// person's life, among which the labelled answers must still come back. A history of 200,000
/// messages holds many texts on each subject and many codes, numbers and names of the same shape;
/// that crowd, not the 390 texts alone, is what pushes an answer out of meaning's first five.
/// <para>
/// No crowd text can be the answer to a labelled query, by construction: a chat line is a frame
/// that states no fact (a request, a note to come back to something, a companion's prompt)
/// around an everyday subject that no query asks for a fact about; a look-alike holds a code,
/// number or name drawn to differ from every answer's (<see cref="AnswerTokens"/>), so it can
/// only stand beside the answer, as parcel H00TA0019823 stands beside H00TA0019283. The
/// generator refuses any text that holds an answer's token, and a test checks it.
/// </para>
/// </summary>
public static partial class LabelledRecallSet
{
    /// <summary>
    /// The names, codes and numbers the labelled queries ask for (as whole words, any case): no
    /// crowd text holds one.
    /// </summary>
    public static readonly IReadOnlyList<string> AnswerTokens =
    [
        "Ada", "Brighton", "Biscuit", "Pepper", "Miso", "Rosa", "Tomasz", "Sam", "Noor", "Jonas", "Priya", "Okafor",
        "Elif", "Mia", "Leo", "Tom", "Glasgow", "Scotland", "Lisbon", "Porto", "Berlin", "Carver", "Panda", "Camden",
        "Pentax", "Snowdonia", "Middlemarch", "sertraline", "EpiPen", "Chopin", "Eero", "Siobhán", "Bhriain", "Wojciechowska",
        "4417", "KM12 VXR", "100mg", "H00TA0019283", "SE15 4QN", "6,000",
    ];

    private static readonly Regex AnswerToken = new(
        @"(?<![\p{L}\p{N}])(" + string.Join('|', AnswerTokens.Select(Regex.Escape)) + @")(?![\p{L}\p{N}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Whether <paramref name="text"/> holds a name, code or number that a labelled query asks for.</summary>
    public static bool HoldsAnswerToken(string text) => AnswerToken.IsMatch(text);

    /// <summary>
    /// <paramref name="count"/> distinct crowd texts, the same for the same seed: about three in
    /// five the person's chat, one in five the companion's replies, one in five look-alikes
    /// (codes, numbers and other people's names).
    /// </summary>
    public static IReadOnlyList<string> Crowd(int count, int seed = 13)
    {
        var random = new Random(seed);
        var texts = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<string>(count);
        while (ordered.Count < count)
        {
            var draw = random.NextDouble();
            var text = draw < 0.6 ? Chat(random) : draw < 0.8 ? Reply(random) : LookAlike(random);
            if (!HoldsAnswerToken(text) && texts.Add(text))
            {
                ordered.Add(text);
            }
        }

        return ordered;
    }

    private static string Chat(Random random) =>
        Format(Pick(random, ChatFrames), Pick(random, CrowdSubjects)) + Pick(random, Tails);

    private static string Reply(Random random) => Format(Pick(random, ReplyFrames), Pick(random, CrowdSubjects));

    private static string LookAlike(Random random)
    {
        var name = Pick(random, Names);
        return random.Next(12) switch
        {
            0 => Format("Locker {0} is the one by the door, not mine.", Other(random, 1000, 9999, 4417)),
            1 => Format("Parcel H00TA{0:D7} is on its way, apparently.", Other(random, 0, 9_999_999, 19283)),
            2 => Format("The pharmacy moved to SE{0} {1}Q{2}.", random.Next(1, 28), random.Next(1, 10), (char)('A' + random.Next(26))),
            3 => Format("Took {0}mg of {1} for the headache.", Pick(random, [5, 10, 20, 25, 50, 75, 150, 200, 250, 400, 500]), Pick(random, ["ibuprofen", "paracetamol", "aspirin"])),
            4 => Format("A car with the plate {0}{1:D2} {2} was parked in my spot.", Letters(random, 2), random.Next(1, 75), Letters(random, 3)),
            5 => Format("{0} from {1} said hello.", name, Pick(random, Places)),
            6 => Format("Room {0} on the {1} floor has the broken blind.", random.Next(100, 999), Pick(random, ["first", "second", "third", "top"])),
            7 => Format("Bus {0} was late again.", random.Next(1, 400)),
            8 => Format("The meeting moved to {0} at {1}.", Pick(random, Days), Pick(random, ["nine", "ten", "eleven", "noon", "three", "half four"])),
            9 => Format("Paid {0} pounds for {1}.", random.Next(3, 400), Pick(random, ["the shoes", "the train", "a new kettle", "the parking fine", "the haircut", "the phone bill"])),
            10 => Format("{0}'s birthday is on the {1} of {2}.", name, Ordinal(random.Next(1, 29)), Pick(random, Months)),
            _ => Format("Mrs {0} from number {1} waved at me.", Pick(random, Surnames), random.Next(1, 120)),
        };
    }

    private static int Other(Random random, int from, int to, int not)
    {
        while (true)
        {
            var value = random.Next(from, to + 1);
            if (value != not)
            {
                return value;
            }
        }
    }

    private static string Letters(Random random, int count) =>
        new([.. Enumerable.Range(0, count).Select(_ => (char)('A' + random.Next(26)))]);

    private static string Ordinal(int day) => day switch
    {
        1 or 21 => $"{day}st",
        2 or 22 => $"{day}nd",
        3 or 23 => $"{day}rd",
        _ => $"{day}th",
    };

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);

    // Everyday subjects of the same life; none is a subject whose fact a query asks for (no
    // coffee, choir, piano or dentist: "something about my morning coffee" would answer "my
    // breakfast drink").
    private static readonly string[] CrowdSubjects =
    [
        "the dog", "the cat", "work", "sleep", "my family", "mum", "dad", "the rain", "the flat", "money", "my shifts",
        "the hospital", "the ward", "running", "my friends", "the weekend", "cooking dinner", "the bus", "music practice",
        "my knee", "the garden", "the news", "my phone", "the weather", "my manager", "a film I watched", "the gym",
        "my birthday plans", "breakfast", "the neighbours", "my mood", "the holidays", "reading", "the car", "the laundry",
        "the shopping", "my emails", "the train", "the kitchen", "the washing up", "my hair", "the traffic", "my back",
        "the council tax", "my to-do list", "the post", "the fridge", "the park", "the library", "my lunch", "the recycling",
        "my cough", "the supermarket", "the lift at work", "the printer", "my calendar", "the group chat", "the football",
        "my plants", "the painting I started", "my glasses", "my cousin's wedding", "the bank", "my passport", "the dishwasher",
        "the school run", "the spare room", "my trainers", "the internet", "the quiz night",
    ];

    private static readonly string[] ChatFrames =
    [
        "Can we talk about {0} for a minute?",
        "Not much to say about {0} today, it was fine.",
        "Remind me later to sort out {0}.",
        "Thinking about {0} while the kettle boils.",
        "Quick one about {0} before I forget.",
        "I'll tell you about {0} tomorrow.",
        "Nothing new with {0}, honestly.",
        "Spent a bit of time on {0} this afternoon.",
        "I had a thought about {0} on the way home.",
        "Let's leave {0} for another day.",
        "Just a note about {0}, nothing urgent.",
        "Do you remember what we said about {0}?",
        "Can I come back to {0} later?",
        "Writing this on the bus, mostly about {0}.",
        "One more thing about {0} and then I'm done.",
        "Today was mostly {0} and not much else.",
        "I should write down something about {0}.",
        "Ask me about {0} next time.",
        "Oh and {0}, but that can wait.",
        "Same as yesterday with {0} really.",
    ];

    private static readonly string[] Tails = ["", "", "", " Anyway.", " More later.", " Back soon.", " Ha.", " Thanks for listening.", " Night!"];

    private static readonly string[] ReplyFrames =
    [
        "Of course, tell me about {0}.",
        "What part of {0} is on your mind?",
        "Thanks for telling me about {0}.",
        "We can come back to {0} whenever you like.",
        "How does {0} feel today?",
        "I'm here if you want to talk about {0}.",
        "Noted about {0}. What else is there?",
        "That's fair. What would help with {0}?",
        "Shall we start with {0}, or with something lighter?",
        "Let's keep {0} for tomorrow then.",
    ];

    // No name of the labelled set: the crowd's people are always someone else.
    private static readonly string[] Names =
    [
        "Hana", "Oskar", "Lena", "Marek", "Ines", "Farah", "Tariq", "Bea", "Callum", "Dev", "Freya", "Gus", "Hugo",
        "Imogen", "Jude", "Kofi", "Lina", "Mateo", "Nadia", "Omar", "Pia", "Quinn", "Rafe", "Saoirse", "Tess", "Uma",
        "Vik", "Wanda", "Yusuf", "Zara", "Anton", "Bruno", "Clara", "Dario", "Esme", "Femi", "Greta", "Hamid", "Iris",
        "Jakub", "Keira", "Luca", "Maya", "Nils", "Olga", "Pavel", "Ravi", "Sofia", "Teo", "Vera", "Yara",
    ];

    private static readonly string[] Surnames =
    [
        "Kowalski", "Adeyemi", "Brennan", "Castillo", "Dubois", "Evans", "Fischer", "Horvath", "Ivanova", "Jensen", "Kaur",
        "Lindqvist", "Moreau", "Nakamura", "Olsen", "Petrov", "Quiroga", "Rossi", "Santos", "Tanaka",
    ];

    private static readonly string[] Places = ["work", "the gym", "upstairs", "the corner shop", "the library", "the pharmacy", "the bus stop", "the park", "next door", "the post office"];

    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

    private static readonly string[] Months = ["January", "March", "April", "June", "July", "August", "October", "November", "December"];
}
