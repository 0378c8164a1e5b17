namespace Companion.Testing.Recall;

/// <summary>
/// A small labelled recall set: memories a companion might keep, and questions a person might ask
/// with the memory that should come back. The memories come in clusters on the same subject
/// (family, pets, work, places, health), so a question has near neighbours to lose against. Some
/// questions share no word with their memory (found by meaning only), some are a name, number or
/// rare word that the meaning of a short query barely carries (found by keyword), most are both.
/// Used by the recall quality test and the recall benchmark (recall@5).
/// </summary>
public static partial class LabelledRecallSet
{
    /// <summary>The memories, each with the id a query expects.</summary>
    public static readonly IReadOnlyList<(string Id, string Text)> Memories =
    [
        ("ada", "Ada called back the night after the argument and listened until late."),
        ("brighton", "They grew up by the sea in Brighton and still miss the sound of the waves."),
        ("biscuit", "Their dog Biscuit is a scruffy terrier who hates thunderstorms."),
        ("pepper", "The neighbour's dog Pepper barks at every delivery van."),
        ("miso", "Their cat Miso sleeps on the radiator all winter."),
        ("exam", "Failed the driving test twice before passing on the third try in March."),
        ("nurse", "Works night shifts as a nurse in a children's ward."),
        ("rota", "The ward rota changed again, four nights in a row next week."),
        ("father", "Their father left when they were seven; they rarely talk about him."),
        ("mother", "Their mother phones every Sunday and asks when they will visit."),
        ("piano", "Started learning piano at forty and practises Chopin every evening."),
        ("choir", "Sings alto in a community choir that meets on Tuesdays."),
        ("allergy", "Severely allergic to peanuts; carries an EpiPen everywhere."),
        ("asthma", "Has mild asthma that flares up in cold weather."),
        ("lisbon", "Dreams of moving to Lisbon one day and opening a small bookshop."),
        ("porto", "Spent a week in Porto last spring and loved the tiled houses."),
        ("marathon", "Ran the Berlin marathon in 4 hours 12 minutes last autumn."),
        ("parkrun", "Does the Saturday parkrun with a friend from work."),
        ("insomnia", "Struggles to fall asleep and often lies awake worrying about work."),
        ("nightmares", "Had recurring nightmares about being late for an exam."),
        ("grandma", "Grandma Rosa taught them to bake bread every Sunday morning."),
        ("grandpa", "Grandpa Tomasz fixed clocks and let them help in his workshop."),
        ("breakup", "Ended a five-year relationship with Sam in January; still raw."),
        ("dating", "Went on a first date with Noor and felt nervous but hopeful."),
        ("therapy", "Sees a therapist on Thursdays to work on anxious attachment."),
        ("meds", "Started sertraline in October; the first weeks made them queasy."),
        ("garden", "Grows tomatoes and basil on a tiny balcony garden."),
        ("allotment", "On the waiting list for an allotment since 2023."),
        ("coffee", "Drinks far too much coffee, at least five cups a day."),
        ("tea", "Switched to rooibos in the evenings to sleep better."),
        ("sister", "Their younger sister Mia just had her first baby, a boy named Leo."),
        ("brother", "Their older brother Jonas lives in Toronto and rarely writes."),
        ("promotion", "Was passed over for a promotion at work and felt invisible."),
        ("manager", "Their manager Priya praised the handover notes in front of everyone."),
        ("chess", "Plays online chess late at night to unwind."),
        ("puzzles", "Does the cryptic crossword with a pencil every morning."),
        ("rain", "Loves walking in the rain without an umbrella."),
        ("snow", "Has never seen proper snow and wants to one winter."),
        ("flat", "Rents a damp flat on Carver Street with mould in the bathroom."),
        ("landlord", "The landlord, Mr Okafor, ignores emails about the boiler."),
        ("car", "Drives an old blue Fiat Panda that needs a new clutch."),
        ("bike", "Cycles to the hospital when the weather is dry."),
        ("birthday", "Their birthday is on the 14th of February, which they find awkward."),
        ("anniversary", "The anniversary of their friend Elif's death is in late May."),
        ("friend", "Their closest friend Tom moved to Glasgow last year."),
        ("lonely", "Feels lonely on weekends now that most friends have moved away."),
        ("book", "Is rereading Middlemarch slowly, a chapter a night."),
        ("podcast", "Listens to a history podcast on the bus to work."),
        ("savings", "Saving for a deposit; has about 6,000 pounds so far."),
        ("debt", "Still paying off a credit card from the year they were out of work."),
        ("knee", "Twisted a knee hiking in Snowdonia and limped for weeks."),
        ("dentist", "Terrified of the dentist since a bad filling as a child."),
        ("volunteer", "Volunteers at a food bank on the first Saturday of each month."),
        ("language", "Learning Portuguese on an app, a ten-day streak so far."),
        ("cooking", "Makes a big pot of dal on Sundays to last the week."),
        ("vegetarian", "Stopped eating meat three years ago after a documentary."),
        ("camera", "Bought a second-hand Pentax film camera at a market."),
        ("tattoo", "Has a small swallow tattoo on the left wrist for their grandmother."),
        ("panic", "Had a panic attack on the Northern line and got off at Camden."),
        ("proud", "Felt proud after speaking up in the team meeting for the first time."),

        // Tokens a sentence model reads poorly: numbers, codes and uncommon names.
        ("locker", "Their locker at the hospital is number 4417; the code is on a sticky note."),
        ("plate", "The car's registration is KM12 VXR and they always forget it at car parks."),
        ("physio", "Their physio, Siobhán Ní Bhriain, set daily exercises for the bad knee."),
        ("godson", "Their godson Eero turns six in August and wants a dinosaur cake."),
        ("secretary", "The allotment society's secretary, Mrs Wojciechowska, keeps the waiting list."),
        ("dose", "The doctor raised the dose to 100mg after the review in September."),
    ];

    /// <summary>Messages of the history that are themselves the answer to a query (not kept as memories).</summary>
    public static readonly IReadOnlyList<(string Id, string Text)> Messages =
    [
        ("flight", "I finally booked the flight to Lisbon, it leaves on the 3rd of June at 6am."),
        ("interview", "The interview for the charge nurse job is on Friday at two."),
        ("vet", "Biscuit has to go to the vet on Monday for his booster jab."),
        ("recipe", "Grandma's bread needs strong flour, a pinch of salt and a whole night to prove."),
        ("apology", "Mum said sorry for shouting at Christmas and I actually believed her."),
        ("boiler", "The boiler is broken again, cold showers all week."),
        ("parcel", "The parcel still hasn't come, the tracking number is H00TA0019283."),
        ("clinic", "The new clinic is at SE15 4QN, two buses from here."),
    ];

    /// <summary>Questions, each with the id of the memory that should come back in the first five.</summary>
    public static readonly IReadOnlyList<(string Query, string Expected)> Queries =
    [
        // Meaning only: no word shared with the memory.
        ("who stayed with me?", "ada"),
        ("where did I spend my childhood", "brighton"),
        ("what do I do for a living", "nurse"),
        ("which composer do I play", "piano"),
        ("long distance running race", "marathon"),
        ("I can't sleep", "insomnia"),
        ("counselling sessions", "therapy"),
        ("caffeine habit", "coffee"),
        ("my nephew", "sister"),
        ("career setback", "promotion"),
        ("board games", "chess"),
        ("antidepressants", "meds"),
        ("isolated at the weekend", "lonely"),
        ("a house I rent with a mould problem", "flat"),
        ("money I owe", "debt"),
        ("scared of having my teeth looked at", "dentist"),

        // A name, number or rare word: keyword carries it, the meaning of a lone word barely does.
        ("Pepper", "pepper"),
        ("Miso", "miso"),
        ("Rosa", "grandma"),
        ("Tomasz", "grandpa"),
        ("Sam", "breakup"),
        ("Noor", "dating"),
        ("Jonas", "brother"),
        ("Priya", "manager"),
        ("Okafor", "landlord"),
        ("Elif", "anniversary"),
        ("Carver Street", "flat"),
        ("Panda", "car"),
        ("Camden", "panic"),
        ("Pentax", "camera"),
        ("Snowdonia", "knee"),
        ("Middlemarch", "book"),
        ("sertraline", "meds"),
        ("EpiPen", "allergy"),

        // Both: some words shared, some meaning.
        ("what is my dog called", "biscuit"),
        ("when did I pass my driving test", "exam"),
        ("where do I want to move abroad", "lisbon"),
        ("my friend who moved to Scotland", "friend"),
        ("what do I grow on the balcony", "garden"),
        ("how much have I saved for a house", "savings"),

        // Answers that are messages in the history, beside memories on the same subject.
        ("when does my plane leave", "flight"),
        ("job interview", "interview"),
        ("does the dog need a vaccination", "vet"),
        ("how do I make grandma's bread", "recipe"),
        ("did my mother apologise", "apology"),
        ("no hot water", "boiler"),

        // Numbers, codes and uncommon names, typed as a person searches for them: keyword should
        // carry these, the meaning of a code or a number is close to nothing.
        ("4417", "locker"),
        ("KM12 VXR", "plate"),
        ("Ní Bhriain", "physio"),
        ("Eero", "godson"),
        ("Wojciechowska", "secretary"),
        ("100mg", "dose"),
        ("H00TA0019283", "parcel"),
        ("SE15 4QN", "clinic"),

        // By meaning, with an everyday word that many distractor messages also hold.
        ("trouble with my shifts at the hospital", "rota"),
        ("what music do I make with other people", "choir"),
        ("a film that changed what I eat", "vegetarian"),
        ("the news about my sister's baby", "sister"),
        ("my breakfast drink", "coffee"),

        // A question around a code, number or name: the question's meaning is shared by every
        // look-alike (each parcel, each locker), only the token tells them apart.
        ("which locker is 4417", "locker"),
        ("whose car is KM12 VXR", "plate"),
        ("what did Eero ask for", "godson"),
        ("what is Wojciechowska in charge of", "secretary"),
        ("where is SE15 4QN", "clinic"),
        ("has parcel H00TA0019283 arrived", "parcel"),
        ("when was the dose raised to 100mg", "dose"),
        ("what exercises did Ní Bhriain give me", "physio"),
        ("what did Tomasz repair", "grandpa"),
        ("what is Okafor like", "landlord"),
        ("how is Jonas", "brother"),
        ("what did Priya say", "manager"),

        // By meaning again, so neither side is favoured by the additions.
        ("someone who rang me after a fight", "ada"),
        ("the medicine I take for my mood", "meds"),
        ("a pet that hates loud weather", "biscuit"),
    ];

    /// <summary>
    /// Everyday messages of the same person on the same subjects, none of them the answer to any
    /// query: search runs over the whole history, so the memories must be found among these.
    /// Each subject said in each way (<see cref="Subjects"/> times <see cref="Frames"/> messages),
    /// then <see cref="LookAlikes"/>.
    /// </summary>
    public static IEnumerable<string> Distractors() =>
        Subjects.SelectMany(subject => Frames.Select(frame => string.Format(System.Globalization.CultureInfo.InvariantCulture, frame, subject)))
            .Concat(LookAlikes);

    // A real history holds many numbers, codes and names of the same shape: to a sentence model
    // two tracking numbers or postcodes that differ by a character are nearly the same text.
    private static readonly string[] LookAlikes =
    [
        "Locker 4471 is the one that always sticks, not mine.",
        "The pharmacy's phone line is 0207 441 7000, option 2.",
        "Room 417 on the ward has the broken blind.",
        "Parcel H00TA0019823 came today, the wrong size of course.",
        "Another parcel, H00TA0020417, is stuck at the depot.",
        "Dad's car is KM62 VXT, a silver Corsa.",
        "A van with KM12 plates blocked the drive this morning.",
        "Niamh Ní Bhraonáin moved into the flat upstairs.",
        "Eeva from the choir brought a lemon cake.",
        "Mrs Wojcik from number 12 waved at me.",
        "Took 200mg of ibuprofen for the headache.",
        "The dog's tablets are 10mg, half a tablet each morning.",
        "The GP surgery moved to SE15 4QP, next to the library.",
        "Mum lives at SE5 4QN, I always mix the postcodes up.",
        "Had miso soup for lunch again.",
        "Sam from the pharmacy said the prescription is ready.",
    ];

    private static readonly string[] Subjects =
    [
        "the dog", "work", "sleep", "my family", "the rain", "the flat", "money", "my shifts", "the hospital", "running",
        "my friends", "the weekend", "cooking dinner", "the bus", "music practice", "my knee", "the garden", "the news",
        "my phone", "the weather", "my manager", "a film I watched", "the gym", "my birthday plans", "breakfast",
        "the neighbours", "my mood", "the holidays", "reading", "the car",
    ];

    private static readonly string[] Frames =
    [
        "Honestly {0} has been on my mind all day.",
        "Can we talk about {0} for a minute?",
        "I keep going back and forth about {0}.",
        "Not much to say about {0} today, it was fine.",
        "Something small about {0} made me smile this morning.",
        "I got annoyed about {0} again and I don't know why.",
        "Remind me later to sort out {0}.",
        "I told myself I would stop worrying about {0}.",
        "Is it silly that {0} still bothers me?",
        "Today {0} felt easier than last week.",
    ];
}
