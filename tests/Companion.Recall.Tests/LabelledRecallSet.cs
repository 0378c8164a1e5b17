namespace Companion.Recall.Tests;

/// <summary>
/// A small labelled recall set: memories a companion might keep, and questions a person might ask
/// with the memory that should come back. Some share words with their memory, some only meaning.
/// </summary>
internal static class LabelledRecallSet
{
    public static readonly (string Id, string Text)[] Memories =
    [
        ("ada", "Ada called back the night after the argument and listened until late."),
        ("brighton", "They grew up by the sea in Brighton and still miss the sound of the waves."),
        ("biscuit", "Their dog Biscuit is a scruffy terrier who hates thunderstorms."),
        ("exam", "Failed the driving test twice before passing on the third try in March."),
        ("nurse", "Works night shifts as a nurse in a children's ward."),
        ("father", "Their father left when they were seven; they rarely talk about him."),
        ("piano", "Started learning piano at forty and practises Chopin every evening."),
        ("allergy", "Severely allergic to peanuts; carries an EpiPen everywhere."),
        ("lisbon", "Dreams of moving to Lisbon one day and opening a small bookshop."),
        ("marathon", "Ran the Berlin marathon in 4 hours 12 minutes last autumn."),
        ("insomnia", "Struggles to fall asleep and often lies awake worrying about work."),
        ("grandma", "Grandma Rosa taught them to bake bread every Sunday morning."),
        ("breakup", "Ended a five-year relationship with Sam in January; still raw."),
        ("therapy", "Sees a therapist on Thursdays to work on anxious attachment."),
        ("garden", "Grows tomatoes and basil on a tiny balcony garden."),
        ("coffee", "Drinks far too much coffee, at least five cups a day."),
        ("sister", "Their younger sister Mia just had her first baby, a boy named Leo."),
        ("promotion", "Was passed over for a promotion at work and felt invisible."),
        ("chess", "Plays online chess late at night to unwind."),
        ("rain", "Loves walking in the rain without an umbrella."),
    ];

    public static readonly (string Query, string Expected)[] Queries =
    [
        ("who stayed with me?", "ada"),
        ("where did I grow up?", "brighton"),
        ("what is my pet called", "biscuit"),
        ("how many times did I fail the driving test", "exam"),
        ("what do I do for a living", "nurse"),
        ("my dad", "father"),
        ("which composer do I play", "piano"),
        ("peanuts", "allergy"),
        ("which city do I want to live in", "lisbon"),
        ("long distance running race", "marathon"),
        ("I can't sleep", "insomnia"),
        ("Rosa", "grandma"),
        ("Sam", "breakup"),
        ("counselling sessions", "therapy"),
        ("vegetables I grow", "garden"),
        ("caffeine habit", "coffee"),
        ("my nephew", "sister"),
        ("career setback", "promotion"),
        ("board games", "chess"),
        ("umbrella", "rain"),
    ];
}
