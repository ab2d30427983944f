<?xml version="1.0" encoding="UTF-8"?>
<!--
  team.xsl: one team of the municipality (a discussion team, or a team
  with an intake): what it is for, its members and its calendar; to its
  members each meeting's agenda, with the anonymous version of each
  concern and the form for the team's advice; to its leaders the form
  to plan a meeting. View: h_team.c (<team id kind name purpose meets
  capacity-families active members my-role next-meeting can-plan
  can-advise> with <members><member id name unit role/></members> and
  <meetings><meeting id starts place planned-by past><item id state
  concern put-by put-unit put-at><advice by at/></item></meeting>
  </meetings>; <error field item> and <typed> after a refusal).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="team/@name"/>
    <xsl:text> – </xsl:text>
    <xsl:value-of select="i:t('Teams')"/>
  </xsl:template>

  <!-- The kind of a team, in words. -->
  <xsl:template name="team-kind">
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$k = 'discussion'"><xsl:value-of select="i:t('Discussion team: concerns discussed anonymously')"/></xsl:when>
      <xsl:when test="$k = 'intake'"><xsl:value-of select="i:t('Team with an intake: families referred with consent')"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- An intake team's queue, for its members: who is in and since
       when, who waits in which order and why, the capacity used. -->
  <xsl:template match="queue">
    <section aria-labelledby="queue-title" id="queue">
      <h2 id="queue-title"><xsl:value-of select="i:t('Families in the team and on the waiting list')"/></h2>
      <p>
        <xsl:choose>
          <xsl:when test="@capacity">
            <xsl:value-of select="i:t('{0} of {1} families in, with {2} children; {3} waiting.', @families, @capacity, @children, @waiting)"/>
            <xsl:if test="@families &gt;= @capacity"><xsl:text> </xsl:text><strong class="tag overdue"><xsl:value-of select="i:t('Full')"/></strong></xsl:if>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="i:t('{0} families in, with {1} children; {2} waiting.', @families, @children, @waiting)"/></xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:if test="referral">
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby="queue-caption">
        <table class="list">
          <caption id="queue-caption" class="visually-hidden"><xsl:value-of select="i:t('The families in the team first, then the waiting list in its order')"/></caption>
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="i:t('Family')"/></th>
              <th scope="col"><xsl:value-of select="i:t('Where it stands')"/></th>
              <th scope="col"><xsl:value-of select="i:t('Referred by')"/></th>
              <th scope="col"><xsl:value-of select="i:t('How long')"/></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="referral">
              <tr>
                <th scope="row">
                  <xsl:choose>
                    <xsl:when test="@uncovered"><em><xsl:value-of select="i:t('The consent no longer names the team')"/></em></xsl:when>
                    <xsl:otherwise>
                      <a href="/referrals/{@id}"><xsl:value-of select="@child"/></a>
                      <div class="small-ref"><xsl:value-of select="@reference"/></div>
                      <xsl:variable name="sibs" select="count(../referral[@family][@family = current()/@family]) - 1"/>
                      <xsl:if test="@family and $sibs &gt; 0">
                        <div class="hint"><xsl:value-of select="i:t('one family with {0} more in the queue', $sibs)"/></div>
                      </xsl:if>
                    </xsl:otherwise>
                  </xsl:choose>
                </th>
                <td>
                  <xsl:call-template name="referral-state"><xsl:with-param name="s" select="@status"/></xsl:call-template>
                  <xsl:if test="@status = 'waiting'">
                    <xsl:text> </xsl:text>
                    <xsl:value-of select="i:t('place {0}', @priority)"/>
                    <xsl:if test="@priority-reason"><div class="hint"><xsl:value-of select="@priority-reason"/></div></xsl:if>
                  </xsl:if>
                </td>
                <td><xsl:value-of select="@referrer"/><xsl:if test="@referrer-unit"><xsl:text>, </xsl:text><xsl:value-of select="@referrer-unit"/></xsl:if></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@status = 'in'">
                      <xsl:value-of select="i:t('in for {0} days', @days-in)"/>
                      <xsl:if test="@last-discussed">
                        <xsl:variable name="last"><xsl:call-template name="date"><xsl:with-param name="d" select="@last-discussed"/></xsl:call-template></xsl:variable>
                        <div class="hint"><xsl:value-of select="i:t('last discussed {0}', $last)"/></div>
                      </xsl:if>
                    </xsl:when>
                    <xsl:otherwise><xsl:value-of select="i:t('waiting for {0} days', @days-waiting)"/></xsl:otherwise>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        </div>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="t" select="team"/>
    <p><a href="/teams"><xsl:value-of select="i:t('All teams')"/></a></p>
    <h1><xsl:value-of select="$t/@name"/></h1>
    <xsl:if test="error">
      <div class="error-summary" role="alert" tabindex="-1" autofocus="autofocus" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title"><xsl:value-of select="i:t('Nothing was saved. Correct this:')"/></h2>
        <ul>
          <xsl:for-each select="error">
            <xsl:choose>
              <xsl:when test="@item"><li><a href="#advice-{@item}"><xsl:value-of select="."/></a></li></xsl:when>
              <xsl:otherwise><li><a href="#meeting-{@field}"><xsl:value-of select="."/></a></li></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <xsl:if test="$t/@active != 'true'">
      <div class="callout"><p><xsl:value-of select="i:t('The team is no longer active: it takes no new meetings or cases.')"/></p></div>
    </xsl:if>
    <dl class="facts">
      <dt><xsl:value-of select="i:t('Kind of team')"/></dt>
      <dd><xsl:call-template name="team-kind"><xsl:with-param name="k" select="$t/@kind"/></xsl:call-template></dd>
      <xsl:if test="$t/@purpose != ''">
        <dt><xsl:value-of select="i:t('What it is for')"/></dt>
        <dd><xsl:value-of select="$t/@purpose"/></dd>
      </xsl:if>
      <xsl:if test="$t/@meets != ''">
        <dt><xsl:value-of select="i:t('Meets')"/></dt>
        <dd><xsl:value-of select="$t/@meets"/></dd>
      </xsl:if>
      <xsl:if test="$t/@capacity-families">
        <dt><xsl:value-of select="i:t('Capacity')"/></dt>
        <dd><xsl:value-of select="i:t('{0} families', $t/@capacity-families)"/></dd>
      </xsl:if>
      <xsl:if test="$t/@unit">
        <dt><xsl:value-of select="i:t('Belongs to')"/></dt>
        <dd><xsl:value-of select="$t/@unit"/></dd>
      </xsl:if>
      <xsl:if test="$t/@my-role">
        <dt><xsl:value-of select="i:t('You are')"/></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="$t/@my-role = 'leader'"><xsl:value-of select="i:t('the team’s leader')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="i:t('a member of the team')"/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:if>
    </dl>

    <section aria-labelledby="members-title" id="members">
      <h2 id="members-title"><xsl:value-of select="i:t('Members')"/></h2>
      <xsl:choose>
        <xsl:when test="not($t/members/member)">
          <p class="none"><xsl:value-of select="i:t('The team has no members yet.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <ul class="links">
            <xsl:for-each select="$t/members/member">
              <li>
                <xsl:value-of select="@name"/>
                <xsl:if test="@unit"><xsl:text>, </xsl:text><xsl:value-of select="@unit"/></xsl:if>
                <xsl:if test="@role = 'leader'"><xsl:text> </xsl:text><span class="tag info"><xsl:value-of select="i:t('Leader')"/></span></xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:otherwise>
      </xsl:choose>
    </section>

    <xsl:apply-templates select="$t/queue"/>

    <section aria-labelledby="meetings-title" id="meetings">
      <h2 id="meetings-title"><xsl:value-of select="i:t('Meetings')"/></h2>
      <xsl:if test="$t/@kind = 'intake' and not($t/@can-advise)">
        <p class="intro"><xsl:value-of select="i:t('The queue is for the team’s members. To refer a family, use the relay log: the guardians’ consent must name the team’s unit.')"/></p>
      </xsl:if>
      <xsl:if test="not($t/@can-advise) and $t/@kind = 'discussion'">
        <p class="intro"><xsl:value-of select="i:t('The agenda is for the team’s members. To bring a concern of yours, put it on a meeting from the concern’s page.')"/></p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="not($t/meetings/meeting)">
          <p class="none"><xsl:value-of select="i:t('No meeting is planned.')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$t/meetings/meeting">
            <article class="meeting" aria-labelledby="m-{@id}">
              <h3 id="m-{@id}">
                <xsl:call-template name="datetime"><xsl:with-param name="d" select="@starts"/></xsl:call-template>
                <xsl:text>, </xsl:text>
                <xsl:value-of select="@place"/>
                <xsl:if test="@past"><xsl:text> </xsl:text><span class="tag neutral"><xsl:value-of select="i:t('Held')"/></span></xsl:if>
              </h3>
              <xsl:if test="$t/@can-advise">
                <xsl:choose>
                  <xsl:when test="not(item)">
                    <p class="none"><xsl:value-of select="i:t('Nothing is on the agenda.')"/></p>
                  </xsl:when>
                  <xsl:otherwise>
                    <ol class="agenda">
                      <xsl:for-each select="item">
                        <li id="item-{@id}">
                          <p>
                            <xsl:value-of select="i:t('Put forward by {0}', @put-by)"/>
                            <xsl:if test="@put-unit"><xsl:text>, </xsl:text><xsl:value-of select="@put-unit"/></xsl:if>
                            <xsl:text> </xsl:text>
                            <xsl:call-template name="agenda-state"><xsl:with-param name="s" select="@state"/></xsl:call-template>
                          </p>
                          <xsl:if test="@concern">
                            <p><a href="/concerns/{@concern}/anonymous"><xsl:value-of select="i:t('Read the concern (anonymous)')"/><span class="visually-hidden"><xsl:text>: </xsl:text><xsl:value-of select="@put-by"/></span></a></p>
                          </xsl:if>
                          <xsl:if test="advice">
                            <blockquote class="advice">
                              <p><xsl:value-of select="advice"/></p>
                              <footer>
                                <xsl:value-of select="advice/@by"/>
                                <xsl:text>, </xsl:text>
                                <xsl:call-template name="date"><xsl:with-param name="d" select="advice/@at"/></xsl:call-template>
                              </footer>
                            </blockquote>
                          </xsl:if>
                          <xsl:if test="@state = 'waiting'">
                            <xsl:variable name="id" select="@id"/>
                            <xsl:variable name="e" select="/page/error[@item = $id]"/>
                            <form method="post" action="/agenda/{@id}/advice" novalidate="novalidate">
                              <input type="hidden" name="csrf" value="{/page/csrf}"/>
                              <input type="hidden" name="idem" value="{/page/idem}"/>
                              <xsl:call-template name="field">
                                <xsl:with-param name="id" select="concat('advice-', @id)"/>
                                <xsl:with-param name="name" select="'advice'"/>
                                <xsl:with-param name="label" select="i:t('The team’s advice')"/>
                                <xsl:with-param name="type" select="'textarea'"/>
                                <xsl:with-param name="required" select="true()"/>
                                <xsl:with-param name="maxlength" select="'4000'"/>
                                <xsl:with-param name="hint" select="i:t('Goes to the concern’s author, and into the concern’s timeline. Write nothing that identifies the child.')"/>
                                <xsl:with-param name="value" select="string(/page/typed[@item = $id][@name = 'advice'])"/>
                                <xsl:with-param name="error" select="string($e)"/>
                              </xsl:call-template>
                              <button type="submit" class="primary"><xsl:value-of select="i:t('Save the advice')"/></button>
                            </form>
                          </xsl:if>
                        </li>
                      </xsl:for-each>
                    </ol>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:if>
            </article>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </section>

    <xsl:if test="$t/@can-plan">
      <xsl:variable name="e" select="/page/error[not(@item)]"/>
      <section aria-labelledby="plan-title" id="plan">
        <h2 id="plan-title"><xsl:value-of select="i:t('Plan a meeting')"/></h2>
        <form method="post" action="/teams/{$t/@id}/meetings" novalidate="novalidate">
          <input type="hidden" name="csrf" value="{/page/csrf}"/>
          <input type="hidden" name="idem" value="{/page/idem}"/>
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'meeting-date'"/>
            <xsl:with-param name="name" select="'date'"/>
            <xsl:with-param name="label" select="i:t('Date')"/>
            <xsl:with-param name="type" select="'date'"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="value" select="string(/page/typed[@item = 'meeting'][@name = 'date'])"/>
            <xsl:with-param name="error" select="string($e[@field = 'date'])"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'meeting-time'"/>
            <xsl:with-param name="name" select="'time'"/>
            <xsl:with-param name="label" select="i:t('Time')"/>
            <xsl:with-param name="type" select="'time'"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="value" select="string(/page/typed[@item = 'meeting'][@name = 'time'])"/>
            <xsl:with-param name="error" select="string($e[@field = 'time'])"/>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'meeting-place'"/>
            <xsl:with-param name="name" select="'place'"/>
            <xsl:with-param name="label" select="i:t('Place')"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength" select="'200'"/>
            <xsl:with-param name="value" select="string(/page/typed[@item = 'meeting'][@name = 'place'])"/>
            <xsl:with-param name="error" select="string($e[@field = 'place'])"/>
          </xsl:call-template>
          <button type="submit" class="primary"><xsl:value-of select="i:t('Plan the meeting')"/></button>
        </form>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
