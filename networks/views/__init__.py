"""The networks' pages: networks and committees (`networks`), money and representatives
(`money`), committee seats and plans (`tables`)."""
