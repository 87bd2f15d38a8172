package nl.factorspel.sessions.workshop;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

/** A command body is read strictly: a number is a JSON number, a whole number has no fraction, a text is a JSON string. */
class CommandJsonTest {

    static JsonNode json(String text) throws Exception {
        return WorkshopJson.MAPPER.readTree(text.replace('\'', '"'));
    }

    static String refusal(String body) throws Exception {
        try {
            WorkshopJson.command(json(body));
            return null;
        } catch (WorkshopJson.BadCommand e) {
            return e.rejection().code();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'type':'placeCard','workshopId':'w','table':1,'cardId':'A1','side':'stimulating','strength':'0.5','y':0.5}",
            "{'type':'placeCard','workshopId':'w','table':1,'cardId':'A1','side':'stimulating','strength':0.5,'y':'0.5'}",
            "{'type':'placeCard','workshopId':'w','table':1,'cardId':'A1','copy':1.5,'side':'stimulating','strength':0.5,'y':0.5}",
            "{'type':'placeCard','workshopId':'w','table':1,'cardId':'A1','copy':'1','side':'stimulating','strength':0.5,'y':0.5}",
            "{'type':'placeCard','workshopId':'w','table':1,'cardId':'A1','side':'stimulating','strength':true,'y':0.5}",
            "{'type':'placeCard','workshopId':'w','table':1,'cardId':12,'side':'stimulating','strength':0.5,'y':0.5}",
            "{'type':'startRound','workshopId':'w','round':1.5}",
            "{'type':'startRound','workshopId':'w','round':'1'}",
            "{'type':'extendClock','workshopId':'w','seconds':'60'}",
            "{'type':'markOutcome','workshopId':'w','table':1,'outcomeId':'O1','chosen':'true'}",
            "{'type':'markOutcome','workshopId':'w','table':1,'outcomeId':'O1','chosen':1}",
            "{'type':'explainCard','workshopId':'w','table':1,'placementId':'p1','text':5}",
    })
    void looseValuesAreRefusedAsBadValues(String body) throws Exception {
        assertEquals("bad_value", refusal(body), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.9", "1.0", "'1'", "true", "1e10", "99999999999"})
    void aTableIsAWholeNumber(String table) throws Exception {
        assertEquals("bad_command", refusal("{'type':'setQuestion','workshopId':'w','questionId':'q1','table':" + table + "}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'type':'placeCard','workshopId':'w','table':1,'cardId':'A1','copy':2,'side':'stimulating','strength':1,'y':0}",
            "{'type':'placeCard','workshopId':'w','table':2,'cardId':'A1','side':'hindering','strength':0.25,'y':0.75}",
            "{'type':'markOutcome','workshopId':'w','table':1,'outcomeId':'O1','chosen':false}",
            "{'type':'startRound','workshopId':'w','round':2}",
    })
    void exactValuesAreRead(String body) throws Exception {
        assertNull(refusal(body), body);
    }
}
